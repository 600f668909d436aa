'use client';
import { type AlarmMessage, type MessageLocale, renderAlarmMessage } from '@city/domain';
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useCallback, useMemo } from 'react';
import { useTRPC } from '../data/trpc';

const NO_VALUE = '—';

/** Each rule's own message template in this language, where its author wrote one. */
function useRuleTemplates(locale: MessageLocale): ReadonlyMap<string, string> {
  const trpc = useTRPC();
  const rules = useQuery({ ...trpc.alarms.rules.list.queryOptions(), staleTime: 60_000 });
  return useMemo(() => {
    const templates = new Map<string, string>();
    for (const rule of rules.data ?? []) {
      const template = rule.message[locale];
      if (template) templates.set(rule.id, template);
    }
    return templates;
  }, [rules.data, locale]);
}

/**
 * Words an alarm message in the reader's language: the rule's own template for this language when it
 * has one, else this screen's sentence for the message key. Numbers are formatted per locale.
 */
export function useAlarmMessage(): (message: AlarmMessage) => string {
  const locale = useLocale() === 'en' ? 'en' : 'nl';
  const t = useTranslations('alarms.message');
  const format = useFormatter();
  const templates = useRuleTemplates(locale);
  return useCallback(
    (message: AlarmMessage) => {
      const number = (value: number) => format.number(value, { maximumFractionDigits: 2 });
      const template = templates.get(message.params.ruleId);
      if (template) return renderAlarmMessage(message, template, locale, number);
      const { params } = message;
      return t(message.key as 'alarm.high', {
        asset: params.asset,
        channel: params.channel,
        unit: params.unit,
        value: params.value === null ? NO_VALUE : number(params.value),
        limit: number(params.limit),
      });
    },
    [templates, locale, t, format],
  );
}
