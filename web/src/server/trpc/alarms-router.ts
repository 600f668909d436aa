import {
  type AuditActor,
  alarmJournal,
  alarmKpis,
  deleteAlarmRule,
  listAlarmRules,
  listAlarms,
  recordAudit,
  upsertAlarmRules,
} from '@city/db';
import {
  ALARM_STATES,
  type Alarm,
  AlarmPrioritySchema,
  AlarmRuleSchema,
  IdSchema,
  MAX_SHELVE_MS,
  SHELVE_KINDS,
} from '@city/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import {
  type AlarmAction,
  NoAlarmLeaderError,
  performAlarmAction,
  relayAlarmAction,
} from '../alarms/actions';
import { AlarmActionError } from '../alarms/engine';
import { CAPS, cappedList, checkPeriod } from './caps';
import { guarded, router, viewProcedure, type WebContext } from './init';
import { newestJournalProcedure } from './journal-newest';
import { previewProcedure } from './rules-preview';

/** The longest period the KPIs are computed over in one call. */
export const KPI_MAX_DAYS = CAPS.kpiDays;
const AlarmId = z.string().min(3).max(300);

const ListInput = z
  .strictObject({
    states: cappedList(z.enum(ALARM_STATES), ALARM_STATES.length, 'states').min(1).optional(),
    /** Only alarms of this priority or more urgent (1 is the most urgent). */
    maxPriority: AlarmPrioritySchema.optional(),
  })
  .optional();

const JournalInput = z
  .strictObject({
    alarmId: AlarmId.optional(),
    afterSeq: z.int().min(0).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    limit: z.int().min(1).max(10_000).default(1_000),
  })
  .optional();

/**
 * Carries out an operator's action as the signed-in user: on this instance's engine when it evaluates
 * alarms, otherwise relayed through the database to the instance that does. Either way the audit row
 * is written in the transaction that journals the action. Refusals become clear errors.
 */
async function act(
  ctx: WebContext & { actor: AuditActor },
  alarmId: string,
  action: AlarmAction,
): Promise<Alarm> {
  try {
    const engine = ctx.alarmEngine();
    if (engine) return await performAlarmAction(engine, alarmId, ctx.actor, action);
    await relayAlarmAction(ctx.db, alarmId, ctx.actor, action);
    const alarm = (await listAlarms(ctx.db)).find((candidate) => candidate.id === alarmId);
    if (!alarm) throw new AlarmActionError(`no alarm "${alarmId}"`);
    return alarm;
  } catch (error) {
    if (error instanceof AlarmActionError)
      throw new TRPCError({ code: 'BAD_REQUEST', message: error.message });
    if (error instanceof NoAlarmLeaderError)
      throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: error.message });
    throw error;
  }
}

export const alarmsRouter = router({
  list: viewProcedure.input(ListInput).query(async ({ ctx, input }) => {
    const alarms = await listAlarms(ctx.db);
    return alarms.filter(
      (alarm) =>
        (!input?.states || input.states.includes(alarm.state)) &&
        (input?.maxPriority === undefined || alarm.priority <= input.maxPriority),
    );
  }),

  /** Transitions in seq order; a period (from, to) covers at most CAPS.journalDays, `to` defaulting to now. */
  journal: viewProcedure.input(JournalInput).query(({ ctx, input }) => {
    if (input?.to && !input.from)
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `give "from" with "to": the journal covers at most ${CAPS.journalDays} days per call`,
      });
    if (input?.from) checkPeriod('the journal', input.from, input.to ?? new Date(), CAPS.journalDays);
    return alarmJournal(ctx.db, input ?? {});
  }),

  /** An alarm's or an asset's transitions newest first, a page at a time (journal-newest.ts). */
  newestJournal: newestJournalProcedure,

  /** Alarm-system health (EEMUA 191 / ISA-18.2) over a period, default the last 24 h. */
  kpis: viewProcedure
    .input(
      z
        .strictObject({
          from: z.coerce.date().optional(),
          to: z.coerce.date().optional(),
          operators: z.int().min(1).max(100).default(1),
        })
        .optional(),
    )
    .query(({ ctx, input }) => {
      const to = input?.to ?? new Date();
      const from = input?.from ?? new Date(to.getTime() - 86_400_000);
      checkPeriod('the KPIs', from, to, KPI_MAX_DAYS);
      return alarmKpis(ctx.db, { from, to, operators: input?.operators ?? 1 });
    }),

  acknowledge: guarded('alarm.respond')
    .input(
      z.strictObject({
        alarmId: AlarmId,
        note: z.string().trim().min(1, 'an acknowledgement needs a note').max(2_000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      return act(ctx, input.alarmId, { kind: 'acknowledge', note: input.note });
    }),

  shelve: guarded('alarm.respond')
    .input(
      z.strictObject({
        alarmId: AlarmId,
        note: z.string().trim().min(1, 'say why it is shelved').max(2_000),
        kind: z.enum(SHELVE_KINDS),
        /** For a timed shelve: how long, at most 8 h. */
        durationMs: z.int().min(60_000).max(MAX_SHELVE_MS).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.kind === 'timed' && input.durationMs === undefined) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'a timed shelve needs durationMs (60000 to 28800000)',
        });
      }
      return act(ctx, input.alarmId, {
        kind: 'shelve',
        shelveKind: input.kind,
        durationMs: input.durationMs ?? null,
        note: input.note,
      });
    }),

  unshelve: guarded('alarm.respond')
    .input(z.strictObject({ alarmId: AlarmId, note: z.string().max(2_000).optional() }))
    .mutation(async ({ ctx, input }) => {
      return act(ctx, input.alarmId, {
        kind: 'unshelve',
        note: input.note ?? null,
      });
    }),

  removeFromService: guarded('asset.service')
    .input(
      z.strictObject({
        alarmId: AlarmId,
        reason: z.string().trim().min(1, 'give a reason').max(2_000),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      return act(ctx, input.alarmId, {
        kind: 'remove-from-service',
        reason: input.reason,
      });
    }),

  returnToService: guarded('asset.service')
    .input(z.strictObject({ alarmId: AlarmId }))
    .mutation(async ({ ctx, input }) => {
      return act(ctx, input.alarmId, { kind: 'return-to-service' });
    }),

  rules: router({
    list: viewProcedure.query(({ ctx }) => listAlarmRules(ctx.db)),

    /** How often a drafted rule would have fired over the last days' readings (rules-preview.ts). */
    preview: previewProcedure,

    /** Creates or replaces a rule; the engine applies it at once, without a restart. */
    save: guarded('rules.edit')
      .input(z.strictObject({ rule: AlarmRuleSchema }))
      .mutation(async ({ ctx, input }) => {
        await ctx.db.transaction(async (tx) => {
          const before = (await listAlarmRules(tx)).find((rule) => rule.id === input.rule.id) ?? null;
          await upsertAlarmRules(tx, [input.rule]);
          await recordAudit(tx, {
            by: ctx.actor,
            action: 'rule.save',
            target: input.rule.id,
            before,
            after: input.rule,
          });
        });
        return input.rule;
      }),

    delete: guarded('rules.edit')
      .input(z.strictObject({ id: IdSchema }))
      .mutation(async ({ ctx, input }) => {
        await ctx.db.transaction(async (tx) => {
          const before = (await listAlarmRules(tx)).find((rule) => rule.id === input.id);
          if (!before || !(await deleteAlarmRule(tx, input.id))) {
            throw new TRPCError({
              code: 'NOT_FOUND',
              message: `no rule "${input.id}"; rules.list shows the ids`,
            });
          }
          await recordAudit(tx, { by: ctx.actor, action: 'rule.delete', target: input.id, before });
        });
        return { deleted: input.id };
      }),
  }),
});
