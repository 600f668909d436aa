import {
  ALARM_ACTIONS_NOTIFY_CHANNEL,
  type AuditActor,
  claimAlarmActions,
  completeAlarmAction,
  type Database,
  readAlarmAction,
  requestAlarmAction,
} from '@city/db';
import { type Alarm, SHELVE_KINDS } from '@city/domain';
import type { Logger } from 'pino';
import { z } from 'zod';
import { actorWithoutSession } from '../auth/principal';
import { AlarmActionError } from './alarm-instance';
import type { AlarmEngine } from './engine';

/** What an operator can do to an alarm, wherever the request lands. */
export const AlarmActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('acknowledge'), note: z.string() }),
  z.strictObject({
    kind: z.literal('shelve'),
    shelveKind: z.enum(SHELVE_KINDS),
    durationMs: z.number().nullable(),
    note: z.string(),
  }),
  z.strictObject({ kind: z.literal('unshelve'), note: z.string().nullable() }),
  z.strictObject({ kind: z.literal('remove-from-service'), reason: z.string() }),
  z.strictObject({ kind: z.literal('return-to-service') }),
]);
export type AlarmAction = z.infer<typeof AlarmActionSchema>;

/** Carries out an action on this instance's engine, audited as `by` in the transaction that journals it. */
export function performAlarmAction(
  engine: AlarmEngine,
  alarmId: string,
  by: AuditActor,
  action: AlarmAction,
): Promise<Alarm> {
  const actor = by.name;
  const { kind, ...details } = action;
  const audit = { by, action: `alarm.${kind}`, details };
  switch (action.kind) {
    case 'acknowledge':
      return engine.acknowledge(alarmId, actor, action.note, audit);
    case 'shelve':
      return engine.shelve(alarmId, action.shelveKind, action.durationMs, actor, action.note, audit);
    case 'unshelve':
      return engine.unshelve(alarmId, actor, action.note, audit);
    case 'remove-from-service':
      return engine.removeFromService(alarmId, action.reason, actor, audit);
    case 'return-to-service':
      return engine.returnToService(alarmId, actor, audit);
  }
}

/** The relay gave up waiting: no instance evaluates alarms right now (one is taking over). */
export class NoAlarmLeaderError extends Error {
  override readonly name = 'NoAlarmLeaderError';
}

/**
 * From an instance that does not evaluate alarms: leaves the action in the database for the one that
 * does and waits for its outcome. A refusal comes back as AlarmActionError with the engine's reason.
 */
export async function relayAlarmAction(
  db: Database,
  alarmId: string,
  by: AuditActor,
  action: AlarmAction,
  timeoutMs = 5_000,
): Promise<void> {
  const id = await requestAlarmAction(db, { alarmId, by, action });
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    const relayed = await readAlarmAction(db, id);
    if (relayed?.status === 'done') return;
    if (relayed?.status === 'refused') throw new AlarmActionError(relayed.message ?? 'refused');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new NoAlarmLeaderError(
    `no web instance evaluates alarms right now (one takes over within seconds); action ${id} is carried out if one does within 30 s, else dropped: ask again`,
  );
}

/** On the evaluating instance: carries out relayed actions as they are announced, and every few seconds. */
export async function serveRelayedActions(
  db: Database,
  engine: AlarmEngine,
  logger: Logger,
): Promise<() => Promise<void>> {
  let running: Promise<void> = Promise.resolve();
  const drain = () => {
    // The chain must survive a failed round (the database away for a moment), or no later drain runs.
    running = running
      .then(async () => {
        for (const relayed of await claimAlarmActions(db)) {
          const parsed = AlarmActionSchema.safeParse(relayed.action);
          try {
            if (!parsed.success) throw new AlarmActionError('an action this version does not know');
            // Requests from before requested_by existed name their actor only.
            const by = relayed.requestedBy ?? actorWithoutSession(relayed.actor);
            await performAlarmAction(engine, relayed.alarmId, by, parsed.data);
            await completeAlarmAction(db, relayed.id, { status: 'done', message: null });
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            if (!(error instanceof AlarmActionError))
              logger.warn({ err: message, id: relayed.id }, 'relayed alarm action failed');
            await completeAlarmAction(db, relayed.id, { status: 'refused', message });
          }
        }
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'relayed alarm actions not served'));
  };
  const unlisten = await db.listen(ALARM_ACTIONS_NOTIFY_CHANNEL, drain);
  const fallback = setInterval(drain, 3_000);
  drain();
  return async () => {
    clearInterval(fallback);
    await unlisten();
    await running;
  };
}
