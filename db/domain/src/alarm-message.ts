import type { AlarmMessage, AlarmMessageKey, AlarmRule, LocalizedText, MessageLocale } from './alarm';

/** Formats a number of a message for a language; the default keeps at most two decimals. */
export type NumberFormatter = (value: number, locale: MessageLocale) => string;

const formatters = new Map<MessageLocale, Intl.NumberFormat>();

/** 2.456 → "2,46" in Dutch, "2.46" in English; one Intl.NumberFormat per language, made once. */
export const formatMessageNumber: NumberFormatter = (value, locale) => {
  let format = formatters.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    formatters.set(locale, format);
  }
  return format.format(value);
};

/** What an alarm without a value (never active yet, or a silence) shows for {value}. */
export const NO_VALUE = '—';

/** The key a rule's alarms speak with: its kind, or for a silent gateway or device, whose silence it is. */
export function alarmMessageKey(rule: Pick<AlarmRule, 'kind' | 'target'>): AlarmMessageKey {
  if (rule.kind === 'no-data' && 'scope' in rule.target) {
    return rule.target.scope === 'gateways' ? 'alarm.gateway-silent' : 'alarm.device-silent';
  }
  return `alarm.${rule.kind}`;
}

/** A text in one language, else in the other: a rule written only in English still reads in Dutch. */
export function textFor(text: LocalizedText, locale: MessageLocale): string {
  return (locale === 'nl' ? (text.nl ?? text.en) : (text.en ?? text.nl)) ?? '';
}

const PLACEHOLDER = /\{(asset|channel|value|unit|limit)\}/g;

/**
 * A message worded in one language from a template with {asset} {channel} {value} {unit} {limit}
 * (usually the rule's message in that language: `textFor(rule.message, locale)`). One pass, so an
 * asset named "{value}" stays its name. For the server's few sentences (webhooks, logs); screens
 * word messages themselves.
 */
export function renderAlarmMessage(
  message: AlarmMessage,
  template: string,
  locale: MessageLocale,
  formatNumber: NumberFormatter = formatMessageNumber,
): string {
  const { params } = message;
  const number = (value: number | null) => (value === null ? NO_VALUE : formatNumber(value, locale));
  return template.replace(PLACEHOLDER, (placeholder, name: string) => {
    switch (name) {
      case 'asset':
        return params.asset;
      case 'channel':
        return params.channel;
      case 'unit':
        return params.unit;
      case 'value':
        return number(params.value);
      case 'limit':
        return number(params.limit);
      default:
        return placeholder;
    }
  });
}
