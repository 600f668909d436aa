import {
  alarmJournal,
  insertReadings,
  listAudit,
  readSetpoint,
  upsertAlarmRules,
  upsertChannels,
} from '@city/db';
import { backends, createTestDatabase, seedChannels, type TestDatabase } from '@city/db/testing';
import { AlarmRuleSchema, type Role, StatusCode } from '@city/domain';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveRelayedActions } from '../alarms/actions';
import { AlarmEngine } from '../alarms/engine';
import { CommandLimiter } from '../auth/command-limits';
import type { Principal } from '../auth/principal';
import { createCallerFactory } from './init';
import { appRouter } from './router';

const logger = pino({ level: 'silent' });
const callerOf = createCallerFactory(appRouter);

/** A signed-in engineer, as the session middleware would put it in the context. */
function signedIn(name: string, role: Role = 'engineer'): Principal {
  const now = Date.now();
  return {
    user: { name, displayName: name, role, kind: 'user' },
    userId: 1,
    idHash: Buffer.alloc(32, name.length),
    sessionRef: 'test',
    authenticatedAt: now,
    expiresAt: now + 3_600_000,
    idleExpiresAt: now + 3_600_000,
  };
}
const origin = { address: '127.0.0.1', userAgent: 'vitest' };
const contextOf = (db: TestDatabase['db'], name: string, engine: () => AlarmEngine | undefined) => ({
  db,
  logger,
  alarmEngine: engine,
  principal: signedIn(name),
  origin,
  sessions: undefined,
  commandLimits: new CommandLimiter(),
});

describe.each(backends)('the alarm and asset API on %s', (backend) => {
  let target: TestDatabase;
  let engine: AlarmEngine;
  let api: ReturnType<typeof callerOf>;
  beforeAll(async () => {
    target = await createTestDatabase(backend);
    const [level, dim] = await seedChannels(target.db, 'aq-api', ['no2', 'dim-level']);
    if (!level || !dim) throw new Error('no channels seeded');
    // The display range (0..200) is wider than what the dimmer takes (0..100), as a screen may show it.
    await upsertChannels(target.db, [{ ...dim, writable: true, writeRange: [0, 100] }]);
    await upsertAlarmRules(target.db, [
      AlarmRuleSchema.parse({
        id: 'no2-high',
        name: 'NO₂ high',
        kind: 'high',
        target: { channelId: level.id },
        limit: 200,
        priority: 2,
        message: '{asset} {value}',
      }),
    ]);
    engine = await AlarmEngine.start({ db: target.db, logger });
    api = callerOf(contextOf(target.db, 'anna', () => engine));
  }, 60_000);
  afterAll(async () => {
    await target?.drop();
  });

  it('lists, acknowledges with a note and shelves alarms, auditing each action', async () => {
    const now = Date.now();
    engine.onValues([
      { channelId: 'aq-api/no2', value: 250, statusCode: StatusCode.Good, sourceTime: now, serverTime: now },
    ]);
    await engine.flush();
    const [alarm] = await api.alarms.list({ states: ['unacknowledged'] });
    expect(alarm).toMatchObject({ id: 'no2-high@aq-api/no2', priority: 2 });

    await expect(api.alarms.acknowledge({ alarmId: alarm?.id ?? '', note: '' })).rejects.toThrow(
      /needs a note/,
    );
    await expect(api.alarms.acknowledge({ alarmId: 'nope@a/b', note: 'x' })).rejects.toThrow(
      /no alarm "nope@a\/b"/,
    );
    const acked = await api.alarms.acknowledge({
      alarmId: alarm?.id ?? '',
      note: 'crew sent',
    });
    expect(acked.state).toBe('acknowledged');
    await expect(
      api.alarms.shelve({ alarmId: alarm?.id ?? '', note: 'storm', kind: 'timed' }),
    ).rejects.toThrow(/durationMs/);
    expect(
      (
        await api.alarms.shelve({
          alarmId: alarm?.id ?? '',
          note: 'storm',
          kind: 'timed',
          durationMs: 3_600_000,
        })
      ).state,
    ).toBe('shelved');
    const journal = await api.alarms.journal({ alarmId: alarm?.id ?? '' });
    expect(journal.map((entry) => entry.event)).toEqual(['activated', 'acknowledged', 'shelved']);
    expect((await listAudit(target.db)).map((entry) => entry.action)).toEqual([
      'alarm.shelve',
      'alarm.acknowledge',
    ]);
    // The dialog's view: newest first, a page at a time, the cursor leading to the older ones.
    const newest = await api.alarms.newestJournal({ alarmId: alarm?.id ?? '', limit: 2 });
    expect(newest.entries.map((entry) => entry.event)).toEqual(['shelved', 'acknowledged']);
    expect(
      await api.alarms.newestJournal({ alarmId: alarm?.id ?? '', limit: 2, cursor: newest.older }),
    ).toMatchObject({ entries: [{ event: 'activated' }], older: null });
    await expect(api.alarms.newestJournal({ limit: 2 })).rejects.toThrow(/either alarmId or assetId/);
    const kpis = await api.alarms.kpis();
    expect(kpis.activations).toBe(1);
    // The last 24 h in 10-minute windows, the one activation in the newest of them.
    expect(kpis.perTenMinutes).toHaveLength(144);
    expect(kpis.perTenMinutes.at(-1)).toBe(1);
  });

  it('saves and deletes rules with clear errors, and relays alarm actions to the evaluating instance', async () => {
    await expect(
      api.alarms.rules.save({
        rule: {
          id: 'Bad Id',
          name: 'x',
          kind: 'high',
          target: { channelId: 'aq-api/no2' },
          limit: 1,
          priority: 9,
          message: 'm',
        } as never,
      }),
    ).rejects.toThrow(/priority|id/);
    const low = {
      id: 'no2-low',
      name: { nl: 'NO₂ laag', en: 'NO₂ low' },
      kind: 'low',
      target: { channelId: 'aq-api/no2' },
      limit: 1,
      priority: 4,
      message: {
        nl: '{asset}: NO₂ {value} {unit}, onder {limit}',
        en: '{asset}: NO₂ {value} {unit}, below {limit}',
      },
    } as const;
    await expect(api.alarms.rules.save({ rule: { ...low, name: {} } })).rejects.toThrow(
      /give the text as a string or as \{ nl, en \}/,
    );
    await api.alarms.rules.save({ rule: low });
    expect((await api.alarms.rules.list()).find((rule) => rule.id === 'no2-low')).toMatchObject({
      name: low.name,
      message: low.message,
    });
    await expect(api.alarms.rules.delete({ id: 'nope' })).rejects.toThrow(/no rule "nope"/);
    await api.alarms.rules.delete({ id: 'no2-low' });

    // An instance that does not evaluate alarms relays the action to the one that does.
    const follower = callerOf(contextOf(target.db, 'bob', () => undefined));
    const stopRelay = await serveRelayedActions(target.db, engine, logger);
    try {
      const unshelved = await follower.alarms.unshelve({ alarmId: 'no2-high@aq-api/no2' });
      expect(unshelved.state).toBe('acknowledged');
      await expect(follower.alarms.unshelve({ alarmId: 'no2-high@aq-api/no2' })).rejects.toThrow(
        /is not shelved/,
      );
    } finally {
      await stopRelay();
    }
    // With nobody evaluating (a takeover under way), the caller hears so instead of waiting for ever.
    await expect(
      follower.alarms.removeFromService({
        alarmId: 'no2-high@aq-api/no2',
        reason: 'calibration',
      }),
    ).rejects.toThrow(/no web instance evaluates alarms right now/);
  });

  it('answers asset state, detail and history, and takes setpoint commands for writable channels only', async () => {
    await insertReadings(target.db, [
      {
        channelId: 'aq-api/no2',
        value: 42,
        statusCode: StatusCode.Good,
        sourceTime: new Date(Date.now() - 60_000),
      },
    ]);
    const state = await api.assets.state({ layers: ['air'] });
    expect(state.assets.map((asset) => asset.id)).toEqual(['aq-api']);
    const detail = await api.assets.detail({ assetId: 'aq-api' });
    expect(detail.channels.map((channel) => channel.id).sort()).toEqual(['aq-api/dim-level', 'aq-api/no2']);
    expect(detail.alarms.map((alarm) => alarm.id)).toEqual(['no2-high@aq-api/no2']);
    const journal = await api.alarms.newestJournal({ assetId: 'aq-api' });
    expect(journal.entries[0]?.alarmId).toBe('no2-high@aq-api/no2');
    expect(journal.entries.map((entry) => entry.seq)).toEqual(
      journal.entries.map((entry) => entry.seq).sort((a, b) => b - a),
    );
    await expect(api.assets.detail({ assetId: 'nope' })).rejects.toThrow(/no asset "nope"/);
    const history = await api.assets.history({
      channelId: 'aq-api/no2',
      from: new Date(Date.now() - 3_600_000),
      to: new Date(),
    });
    expect(history.points.some((point) => point.last === 42)).toBe(true);
    await expect(
      api.assets.history({ channelId: 'aq-api/no2', from: new Date(), to: new Date(Date.now() - 1) }),
    ).rejects.toThrow(/from\\?" must be before \\?"to/);

    await expect(api.assets.setpoint({ channelId: 'aq-api/no2', value: 1 })).rejects.toThrow(
      /cannot be written/,
    );
    const command = await api.assets.setpoint({
      channelId: 'aq-api/dim-level',
      value: 40,
      note: 'event',
    });
    expect(await readSetpoint(target.db, command.id)).toMatchObject({
      status: 'pending',
      requestedBy: 'anna',
    });
    expect((await listAudit(target.db))[0]).toMatchObject({
      action: 'setpoint.request',
      target: 'aq-api/dim-level',
    });
    expect((await alarmJournal(target.db)).length).toBeGreaterThan(0);
  });

  it("takes a setpoint only inside the channel's write range, and none for a channel without one", async () => {
    const commands = async () =>
      Number(
        (await target.db.query<{ n: string }>('SELECT count(*) AS n FROM setpoint_commands')).rows[0]?.n,
      );
    const before = await commands();
    // Inside the display range (0..200), outside what the dimmer takes.
    await expect(api.assets.setpoint({ channelId: 'aq-api/dim-level', value: 150 })).rejects.toThrow(
      /aq-api\/dim-level takes setpoints from 0 to 100 µg\/m³; 150 is outside/,
    );
    await expect(api.assets.setpoint({ channelId: 'aq-api/dim-level', value: -1 })).rejects.toThrow(
      /from 0 to 100/,
    );
    const [, dim] = await seedChannels(target.db, 'aq-api-norange', ['no2', 'dim-level']);
    if (!dim) throw new Error('no channel seeded');
    await upsertChannels(target.db, [{ ...dim, writable: true }]);
    await expect(api.assets.setpoint({ channelId: dim.id, value: 10 })).rejects.toThrow(
      /has no write range, so it takes no setpoints/,
    );
    expect(await commands()).toBe(before);
  });
});
