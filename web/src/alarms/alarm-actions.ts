import type { Alarm } from '@city/domain';

export const ALARM_ACTIONS = ['acknowledge', 'shelve', 'unshelve', 'remove', 'return'] as const;
export type AlarmAction = (typeof ALARM_ACTIONS)[number];

/** What the signed-in role may do (from usePermission): responding to alarms, servicing assets. */
export interface ActionRights {
  respond: boolean;
  service: boolean;
}

/**
 * The actions an alarm offers this person now: what the role allows (the server checks again) and
 * what the alarm's state makes sense of, so nobody is offered what the engine would refuse anyway.
 */
export function actionsFor(
  alarm: Pick<Alarm, 'acknowledged' | 'shelveKind' | 'outOfServiceReason'>,
  rights: ActionRights,
): AlarmAction[] {
  const inService = alarm.outOfServiceReason === null;
  const offered: Record<AlarmAction, boolean> = {
    acknowledge: rights.respond && !alarm.acknowledged,
    shelve: rights.respond && inService && alarm.shelveKind === null,
    unshelve: rights.respond && alarm.shelveKind !== null,
    remove: rights.service && inService,
    return: rights.service && !inService,
  };
  return ALARM_ACTIONS.filter((action) => offered[action]);
}

/** The shelve durations on offer; null is a one-shot shelve (until the alarm next clears). */
export const SHELVE_CHOICES = [15 * 60_000, 3_600_000, 4 * 3_600_000, 8 * 3_600_000, null] as const;
export type ShelveChoice = (typeof SHELVE_CHOICES)[number];

/** The shelve request for a choice: timed with its duration, or one-shot. */
export function shelveRequest(
  choice: ShelveChoice,
): { kind: 'one-shot' } | { kind: 'timed'; durationMs: number } {
  return choice === null ? { kind: 'one-shot' } : { kind: 'timed', durationMs: choice };
}
