import { alarmJournal, recordGatewayHeartbeat, upsertAlarmRules, upsertChannels } from '@city/db';
import { backends, createTestDatabase, seedChannels, type TestDatabase } from '@city/db/testing';
import { type AlarmRuleInput, AlarmRuleSchema, type AlarmTransition, StatusCode } from '@city/domain';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlarmEngine } from './engine';

const logger = pino({ level: 'silent' });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const rule = (overrides: Partial<AlarmRuleInput>) =>
  AlarmRuleSchema.parse({
    id: 'no2-high',
    name: 'NO₂ high',
    kind: 'high',
    target: { channelId: 'aq-engine/no2' },
    limit: 200,
    priority: 2,
    message: '{asset} NO₂ {value} {unit}',
    ...overrides,
  });

describe.each(backends)('the alarm engine on %s', (backend) => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase(backend);
    const channels = await seedChannels(target.db, 'aq-engine', ['no2', 'pm10']);
    // Both channels are read by one gateway, so its communications alarm stands in front of them.
    await upsertChannels(
      target.db,
      channels.map((channel) => ({
        ...channel,
        source: { gatewayId: 'gw-engine', deviceId: 'logger', point: channel.metric },
      })),
    );
    await upsertAlarmRules(target.db, [
      rule({ onDelayMs: 2_000 }),
      rule({ id: 'pm10-high', target: { assetKind: 'air-quality-station', metric: 'pm10' }, limit: 50 }),
      rule({ id: 'gateway-silent', kind: 'no-data', target: { scope: 'gateways' }, limit: 1, priority: 1 }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await target?.drop();
  });

  const value = (channelId: string, v: number, sourceTime: number, serverTime = sourceTime) => ({
    channelId,
    value: v,
    statusCode: StatusCode.Good,
    sourceTime,
    serverTime,
  });

  /** The engine's alarms by id, once everything it evaluated is in the database. */
  const alarmsOf = async (engine: AlarmEngine) => {
    await engine.flush();
    return new Map(engine.list().map((a) => [a.id, a]));
  };

  it('journals a delayed onset, keeps state across a restart, and records a backfill as historical only', async () => {
    const published: AlarmTransition[] = [];
    const engine = await AlarmEngine.start({
      db: target.db,
      logger,
      onTransitions: (transitions) => published.push(...transitions),
    });
    const t = Date.now();
    engine.onValues([value('aq-engine/no2', 250, t), value('aq-engine/no2', 250, t + 1_000)]);
    engine.onValues([value('aq-engine/no2', 250, t + 2_000)]);
    await engine.flush();
    const alarm = engine.list().find((a) => a.id === 'no2-high@aq-engine/no2');
    expect(alarm).toMatchObject({ state: 'unacknowledged', activatedAt: t + 2_000, priority: 2 });
    expect(published.map((p) => p.event)).toEqual(['activated']);
    expect(published[0]?.seq).toBeGreaterThan(0);

    // A restart: a new engine finds the alarm where the old one left it, and the journal agrees.
    const restarted = await AlarmEngine.start({ db: target.db, logger });
    expect(restarted.list().find((a) => a.id === alarm?.id)?.state).toBe('unacknowledged');
    await expect(restarted.acknowledge(alarm?.id ?? '', 'anna', '')).rejects.toThrow(/needs a note/);
    expect((await restarted.acknowledge(alarm?.id ?? '', 'anna', 'crew on the way')).state).toBe(
      'acknowledged',
    );
    const journal = await alarmJournal(target.db, { alarmId: alarm?.id ?? '' });
    expect(journal.map((j) => [j.event, j.actor, j.note])).toEqual([
      ['activated', null, null],
      ['acknowledged', 'anna', 'crew on the way'],
    ]);

    // Readings that reach the database a minute after they were taken come from a backlog.
    const backlogAt = t - 600_000;
    restarted.onValues([value('aq-engine/pm10', 80, backlogAt, backlogAt + 60_000)]);
    await restarted.flush();
    expect(restarted.list().find((a) => a.id === 'pm10-high@aq-engine/pm10')?.state).toBe('normal');
    const historical = await alarmJournal(target.db, { alarmId: 'pm10-high@aq-engine/pm10' });
    expect(historical.map((j) => j.event)).toEqual(['historical']);
  }, 60_000);

  it('lets calm readings pass, yet a reading older than one already seen raises nothing live', async () => {
    const engine = await AlarmEngine.start({ db: target.db, logger });
    const t = Date.now();
    const pm10 = 'pm10-high@aq-engine/pm10';
    engine.onValues([20, 25, 30].map((v, i) => value('aq-engine/pm10', v, t + i * 1_000)));
    // Taken between the first two, delivered after the third: out of order, though no backlog.
    engine.onValues([value('aq-engine/pm10', 80, t + 500, t + 2_500)]);
    expect((await alarmsOf(engine)).get(pm10)?.state).toBe('normal');
    const journal = await alarmJournal(target.db, { alarmId: pm10 });
    expect(journal.at(-1)).toMatchObject({ event: 'historical', at: t + 500 });
    // In order, the same excursion is live at once.
    engine.onValues([value('aq-engine/pm10', 80, t + 3_000)]);
    expect((await alarmsOf(engine)).get(pm10)?.state).toBe('unacknowledged');
    engine.onValues([value('aq-engine/pm10', 20, t + 4_000)]);
    expect((await alarmsOf(engine)).get(pm10)?.state).toBe('returned-unacknowledged');
  });

  it('raises one communications alarm for a silent gateway and suppresses the alarms behind it', async () => {
    const engine = await AlarmEngine.start({ db: target.db, logger, gatewayLookMs: 100 });
    const heartbeat = () =>
      recordGatewayHeartbeat(target.db, {
        id: 'gw-engine',
        name: 'gw-engine',
        cabinetId: null,
        version: 'test',
        bufferDepth: 0,
        oldestUnsentMs: null,
      });
    await heartbeat();
    await engine.reload();
    await engine.tick();
    await wait(1_500);
    await engine.tick();
    const byId = await alarmsOf(engine);
    expect(byId.get('gateway-silent@gw-engine/comms')?.state).toBe('unacknowledged');
    expect(byId.get('pm10-high@aq-engine/pm10')?.state).toBe('suppressed');
    expect(byId.get('no2-high@aq-engine/no2')?.suppressedBy).toBe('gw-engine/comms');
    // While suppressed, an excursion behind the dead gateway raises nothing on screen.
    engine.onValues([value('aq-engine/pm10', 90, Date.now())]);
    expect(engine.list().find((a) => a.id === 'pm10-high@aq-engine/pm10')?.state).toBe('suppressed');

    await heartbeat();
    await wait(150);
    await engine.tick();
    await engine.flush();
    const after = new Map(engine.list().map((a) => [a.id, a]));
    expect(after.get('gateway-silent@gw-engine/comms')?.active).toBe(false);
    // The excursion that happened meanwhile shows now that the gateway speaks again.
    expect(after.get('pm10-high@aq-engine/pm10')?.state).toBe('unacknowledged');
  }, 60_000);

  it('raises one communications alarm for a device whose channels all went bad, and suppresses theirs', async () => {
    await upsertAlarmRules(target.db, [
      rule({ id: 'device-silent', kind: 'no-data', target: { scope: 'devices' }, limit: 1, priority: 1 }),
      // The gateway keeps its heartbeat in this scene: only the device is dead.
      rule({
        id: 'gateway-silent',
        kind: 'no-data',
        target: { scope: 'gateways' },
        limit: 1,
        priority: 1,
        enabled: false,
      }),
    ]);
    const engine = await AlarmEngine.start({ db: target.db, logger, gatewayLookMs: 60_000 });
    const t = Date.now();
    const bad = (channelId: string, at: number) => ({
      channelId,
      value: null,
      statusCode: StatusCode.BadNoCommunication,
      sourceTime: at,
      serverTime: at,
    });
    // Both channels of the logger report bad quality: nothing usable comes from the device.
    engine.onValues([bad('aq-engine/no2', t), bad('aq-engine/pm10', t)]);
    await wait(1_200);
    await engine.tick();
    const byId = await alarmsOf(engine);
    expect(byId.get('device-silent@logger/comms')?.state).toBe('unacknowledged');
    expect(byId.get('no2-high@aq-engine/no2')?.suppressedBy).toBe('logger/comms');

    engine.onValues([value('aq-engine/no2', 20, Date.now())]);
    const after = await alarmsOf(engine);
    expect(after.get('device-silent@logger/comms')?.active).toBe(false);
    expect(after.get('no2-high@aq-engine/no2')?.suppressedBy).toBeNull();
  }, 60_000);

  it('journals one alarm per excursion of a chattering signal, and unshelves when a timed shelve runs out', async () => {
    await upsertAlarmRules(target.db, [
      rule({ id: 'chatter', target: { channelId: 'aq-engine/pm10' }, limit: 100, deadband: 5 }),
      // Readings stop once the shelve starts; a silent device would suppress the alarm meanwhile.
      rule({
        id: 'device-silent',
        kind: 'no-data',
        target: { scope: 'devices' },
        limit: 1,
        priority: 1,
        enabled: false,
      }),
    ]);
    let now = Date.now() + 3_600_000;
    const engine = await AlarmEngine.start({
      db: target.db,
      logger,
      now: () => now,
      gatewayLookMs: 3_600_000,
    });
    const start = now;
    // Around the limit, second by second: 99, 101, 99.5, 100.5, 98, 102, 96, 101 — one excursion — then 94.
    [99, 101, 99.5, 100.5, 98, 102, 96, 101, 94].forEach((v, i) => {
      engine.onValues([value('aq-engine/pm10', v, start + i * 1_000)]);
    });
    await engine.flush();
    const chatter = await alarmJournal(target.db, { alarmId: 'chatter@aq-engine/pm10' });
    expect(chatter.map((entry) => entry.event)).toEqual(['activated', 'cleared']);

    engine.onValues([value('aq-engine/pm10', 120, start + 10_000)]);
    await engine.shelve('chatter@aq-engine/pm10', 'timed', 600_000, 'anna', 'known dust from roadworks');
    now += 600_000;
    await engine.tick();
    const byId = await alarmsOf(engine);
    expect(byId.get('chatter@aq-engine/pm10')?.state).toBe('unacknowledged');
    const tail = (await alarmJournal(target.db, { alarmId: 'chatter@aq-engine/pm10' })).slice(-3);
    expect(tail.map((entry) => [entry.event, entry.actor])).toEqual([
      ['activated', null],
      ['shelved', 'anna'],
      ['unshelved', 'system'],
    ]);
  }, 60_000);

  it("keeps an alarm's on-delay running when another rule is edited and the rules are reloaded", async () => {
    await seedChannels(target.db, 'aq-reload', ['no2']);
    await upsertAlarmRules(target.db, [
      rule({ id: 'reload-no2', target: { channelId: 'aq-reload/no2' }, onDelayMs: 2_000 }),
    ]);
    const engine = await AlarmEngine.start({ db: target.db, logger, gatewayLookMs: 3_600_000 });
    const t = Date.now();
    engine.onValues([value('aq-reload/no2', 250, t)]);
    // Another rule is saved meanwhile (through any instance): every engine reloads its rules.
    await upsertAlarmRules(target.db, [rule({ id: 'reload-other', target: { channelId: 'aq-reload/no2' } })]);
    await engine.reload();
    engine.onValues([value('aq-reload/no2', 250, t + 2_000)]);
    const byId = await alarmsOf(engine);
    expect(byId.get('reload-no2@aq-reload/no2')).toMatchObject({
      state: 'unacknowledged',
      activatedAt: t + 2_000,
    });
  });

  it('journals a transition once, and goes on delivering, when a listener throws', async () => {
    await seedChannels(target.db, 'aq-listener', ['no2']);
    await upsertAlarmRules(target.db, [
      rule({ id: 'listener-no2', target: { channelId: 'aq-listener/no2' } }),
    ]);
    const delivered: string[] = [];
    const engine = await AlarmEngine.start({
      db: target.db,
      logger,
      gatewayLookMs: 3_600_000,
      onTransitions: (transitions) => {
        delivered.push(...transitions.map((transition) => transition.event));
        if (delivered.length === 1) throw new Error('a screen broadcast failed');
      },
    });
    const t = Date.now();
    engine.onValues([value('aq-listener/no2', 250, t)]);
    engine.onValues([value('aq-listener/no2', 150, t + 1_000)]);
    await engine.flush();
    expect(delivered).toEqual(['activated', 'cleared']);
    const journal = await alarmJournal(target.db, { alarmId: 'listener-no2@aq-listener/no2' });
    expect(journal.map((entry) => entry.event)).toEqual(['activated', 'cleared']);
  });
});
