import { type AlarmEvent, AlarmRuleSchema } from '@city/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../database';
import { backends, createTestDatabase, type TestDatabase } from '../testing';
import { recordAlarmTransitions } from './alarm-journal';
import { upsertAlarmRules } from './alarm-rules';
import { normalAlarmRecord } from './alarms';
import { newestAlarmJournal } from './journal-newest';

const T0 = Date.UTC(2026, 11, 5, 6);
const LEVEL = 'wet-well-high@ps-buiksloterham/wet_well_level';
const COMMS = 'plc-silent@buiksloterham-pump-plc/comms';
const ELSEWHERE = 'wet-well-high@ps-zeeburg/wet_well_level';

/** The subject each alarm is journaled under (its channel, or the device's comms subject). */
const SUBJECTS: Record<string, string> = {
  [LEVEL]: 'ps-buiksloterham/wet_well_level',
  [COMMS]: 'buiksloterham-pump-plc/comms',
  [ELSEWHERE]: 'ps-zeeburg/wet_well_level',
};

/** Journals one transition of `alarmId` per minute given, in that order. */
async function journal(db: TestDatabase['db'], alarmId: string, events: [AlarmEvent, number][]) {
  const channelId = SUBJECTS[alarmId] ?? '';
  const message = {
    key: 'alarm.high',
    params: {
      ruleId: 'r',
      asset: 'a',
      assetId: 'a',
      channel: 'c',
      metric: 'm',
      unit: 'm',
      value: 2,
      limit: 1,
    },
  } as const;
  const record = normalAlarmRecord({ id: alarmId, ruleId: 'r', channelId }, message);
  await recordAlarmTransitions(
    db,
    events.map(([event, minute]) => ({
      record,
      transition: {
        alarmId,
        ruleId: 'r',
        channelId,
        event,
        state: 'unacknowledged',
        priority: 2,
        message,
        value: 2,
        at: T0 + minute * 60_000,
        actor: event === 'acknowledged' ? 'j.devries' : null,
        note: null,
      },
    })),
  );
}

/** The plan the database picks for the asset query, with sequential scans ruled out (tables this small
 * would otherwise be scanned whole, index or not). */
async function planOfAssetQuery(db: TestDatabase['db']): Promise<string> {
  let captured: { text: string; params: readonly unknown[] } | undefined;
  const recorder: Queryable = {
    query: async <Row extends object>(text: string, params: readonly unknown[] = []) => {
      captured = { text, params };
      return { rows: [] as Row[], rowCount: 0 };
    },
    exec: async () => undefined,
    copyRows: async () => 0,
  };
  await newestAlarmJournal(recorder, { channelIds: ['ps-buiksloterham/wet_well_level'] }, { limit: 5 });
  if (!captured) throw new Error('the asset query ran no SQL');
  const { text, params } = captured;
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL enable_seqscan = off');
    const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, params);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

describe.each(backends)('an alarm journal read newest first on %s', (backend) => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase(backend);
    await upsertAlarmRules(target.db, [
      AlarmRuleSchema.parse({
        id: 'r',
        name: 'r',
        kind: 'no-data',
        target: { scope: 'gateways' },
        limit: 60,
        priority: 2,
        message: 'm',
      }),
    ]);
    // A night of a chattering wet well at Buiksloterham (activated and cleared every 10 minutes), its
    // PLC going silent once, and another station's alarm between them.
    const night: [AlarmEvent, number][] = [];
    for (let minute = 0; minute < 120; minute += 10)
      night.push(['activated', minute], ['cleared', minute + 5]);
    await journal(target.db, LEVEL, night.slice(0, 12));
    await journal(target.db, ELSEWHERE, [['activated', 61]]);
    await journal(target.db, COMMS, [['activated', 62]]);
    await journal(target.db, LEVEL, [...night.slice(12), ['acknowledged', 121]]);
  }, 60_000);
  afterAll(async () => {
    await target?.drop();
  });

  const assetSubjects = { channelIds: [SUBJECTS[LEVEL] ?? '', SUBJECTS[COMMS] ?? ''] };

  it("shows an asset's newest transitions first, its PLC's silence among them, and none of another station", async () => {
    const first = await newestAlarmJournal(target.db, assetSubjects, { limit: 4 });
    expect(first.entries.map((entry) => [entry.event, (entry.at - T0) / 60_000])).toEqual([
      ['acknowledged', 121],
      ['cleared', 115],
      ['activated', 110],
      ['cleared', 105],
    ]);
    expect(first.entries[0]?.actor).toBe('j.devries');
    const seqs = first.entries.map((entry) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(first.older).toBe(seqs[3]);
  });

  it('pages back through the whole night with the cursor, each entry once, and says when it reached the start', async () => {
    const seen: string[] = [];
    let before: number | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await newestAlarmJournal(target.db, assetSubjects, { before, limit: 10 });
      seen.push(
        ...page.entries.map((entry) => `${entry.alarmId} ${entry.event} ${(entry.at - T0) / 60_000}`),
      );
      if (page.older === null) break;
      before = page.older;
    }
    // 24 level transitions, the acknowledgement and the PLC's silence; the other station is not there.
    expect(seen).toHaveLength(26);
    expect(new Set(seen).size).toBe(26);
    expect(seen).toContain(`${COMMS} activated 62`);
    expect(seen.some((line) => line.startsWith(ELSEWHERE))).toBe(false);
    expect(seen.at(-1)).toBe(`${LEVEL} activated 0`);
  });

  it("reads one alarm's journal the same way: 25 entries are a page of 20 and one of 5, and nothing before", async () => {
    const page = await newestAlarmJournal(target.db, { alarmId: LEVEL }, { limit: 20 });
    expect(page.entries).toHaveLength(20);
    expect(page.entries.every((entry) => entry.alarmId === LEVEL)).toBe(true);
    expect(page.older).toBe(page.entries[19]?.seq);
    const rest = await newestAlarmJournal(
      target.db,
      { alarmId: LEVEL },
      { before: page.older ?? 0, limit: 20 },
    );
    expect(rest.entries.map((entry) => (entry.at - T0) / 60_000)).toEqual([20, 15, 10, 5, 0]);
    expect(rest.older).toBeNull();
    const oldest = rest.entries[4]?.seq ?? 0;
    expect(await newestAlarmJournal(target.db, { alarmId: LEVEL }, { before: oldest, limit: 20 })).toEqual({
      entries: [],
      older: null,
    });
    const exact = await newestAlarmJournal(target.db, { alarmId: ELSEWHERE }, { limit: 1 });
    expect([exact.entries.length, exact.older]).toEqual([1, null]);
    expect(await newestAlarmJournal(target.db, { channelIds: [] }, { limit: 5 })).toEqual({
      entries: [],
      older: null,
    });
  });

  it("reads an asset's journal backwards through the channel index, not the whole journal", async () => {
    const plan = await planOfAssetQuery(target.db);
    expect(plan).toMatch(/Index Scan Backward using alarm_journal_channel_idx/);
  });
});
