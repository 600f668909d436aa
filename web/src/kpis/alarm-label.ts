import { type AlarmRule, type MessageLocale, textFor } from '@city/domain';
import type { Catalog } from '../data/catalog';

export interface AlarmLabel {
  /** The rule's name in the reader's language, or its id when the rule is gone. */
  rule: string;
  /** Where: asset · channel, or the raw subject (a gateway's or device's comms). */
  where: string;
}

/**
 * An alarm id ("<rule id>@<channel id>") in words: the KPIs name their bad actors by rule and asset,
 * not by ids an operator never sees.
 */
export function alarmLabel(
  alarmId: string,
  rules: ReadonlyMap<string, AlarmRule>,
  catalog: Catalog | null,
  locale: MessageLocale,
): AlarmLabel {
  const at = alarmId.indexOf('@');
  const ruleId = at < 0 ? alarmId : alarmId.slice(0, at);
  const subject = at < 0 ? '' : alarmId.slice(at + 1);
  const rule = rules.get(ruleId);
  const channel = catalog?.channelById.get(subject);
  const asset = channel ? catalog?.assetById.get(channel.assetId) : undefined;
  return {
    rule: rule ? textFor(rule.name, locale) || ruleId : ruleId,
    where: channel && asset ? `${asset.name} · ${channel.name}` : subject,
  };
}
