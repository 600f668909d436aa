import type { AlarmRule, AlarmRuleKind, AlarmTarget } from '@city/domain';
import type { DefaultTexts } from './draft';

/** A rule as rules.list returns it, for the tests of this folder. */
export function ruleFor(
  id: string,
  kind: AlarmRuleKind,
  limit: number,
  target: AlarmTarget,
  more: Partial<AlarmRule> = {},
): AlarmRule {
  return {
    id,
    name: { nl: id, en: id },
    kind,
    target,
    limit,
    deadband: 0,
    onDelayMs: 0,
    offDelayMs: 0,
    priority: 2,
    message: { nl: '{asset}', en: '{asset}' },
    reference: '',
    enabled: true,
    ...more,
  };
}

export const TEXTS: DefaultTexts = (kind) => ({
  name: { nl: `nieuw ${kind}`, en: `new ${kind}` },
  message: { nl: '{asset}: {value}', en: '{asset}: {value}' },
});
