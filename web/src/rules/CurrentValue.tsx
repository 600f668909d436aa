'use client';
import type { AlarmTarget } from '@city/domain';
import { useFormatter, useTranslations } from 'next-intl';
import { useTelemetry } from '../data/realtime/RealtimeProvider';

/**
 * The channel's value now, beside its limits: where a limit lies relative to today's value is the
 * first thing an engineer checks. Only for a one-channel target; a kind has many values.
 */
export function CurrentValue({ target, unit }: { target: AlarmTarget; unit: string }) {
  const t = useTranslations('rules.editor');
  const format = useFormatter();
  const { values } = useTelemetry();
  if (!('channelId' in target)) return null;
  const latest = values.get(target.channelId);
  if (!latest || latest.value === null) return null;
  return (
    <p className="rules-now" data-testid="current-value">
      {t('now', { value: format.number(latest.value, { maximumFractionDigits: 3 }), unit })}
    </p>
  );
}
