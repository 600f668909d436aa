'use client';
import type { AlarmMessage } from '@city/domain';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback } from 'react';

/** 'alarm.high-high' → 'high-high': next-intl reads a dot as a namespace step. */
const messageId = (key: AlarmMessage['key']) => key.replace(/^alarm\./, '');

/**
 * An alarm message worded in the reader's language from its key and parameters, numbers formatted
 * per locale (2,45 in Dutch). Written here because web/src/alarms had no renderer yet when this
 * screen was built; it moves there once the alarm list has one.
 */
export function useAlarmText(): (message: AlarmMessage) => string {
  const t = useTranslations('asset.message');
  const format = useFormatter();
  return useCallback(
    (message: AlarmMessage) => {
      const { params } = message;
      const number = (value: number | null) =>
        value === null ? '—' : format.number(value, { maximumFractionDigits: 2 });
      return t(messageId(message.key) as 'high', {
        asset: params.asset,
        channel: params.channel,
        unit: params.unit,
        value: number(params.value),
        limit: number(params.limit),
      });
    },
    [t, format],
  );
}
