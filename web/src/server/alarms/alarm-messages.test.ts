import { alarmJournal, upsertAlarmRules } from '@city/db';
import { backends, createTestDatabase, seedChannels, type TestDatabase } from '@city/db/testing';
import { AlarmRuleSchema, type AlarmTransition, renderAlarmMessage, StatusCode } from '@city/domain';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAlarmStream } from '../realtime/alarm-stream';
import { AlarmEngine } from './engine';

const logger = pino({ level: 'silent' });

const rule = AlarmRuleSchema.parse({
  id: 'no2-high',
  name: { nl: 'NO₂ te hoog', en: 'NO₂ too high' },
  kind: 'high',
  target: { channelId: 'aq-words/no2' },
  limit: 200,
  priority: 2,
  message: {
    nl: '{asset}: NO₂ {value} {unit}, boven {limit} {unit}',
    en: '{asset}: NO₂ {value} {unit}, above {limit} {unit}',
  },
});

/** A screen as the alarm stream sees it: what it is sent, in order. */
function screen() {
  const sent: AlarmTransition[] = [];
  const socket = {
    id: 'screen',
    emit: (event: string, payload: AlarmTransition) => {
      if (event === 'alarm') sent.push(payload);
    },
    join: () => {},
  };
  return { sent, socket: socket as unknown as Parameters<typeof openAlarmStream>[0] };
}

describe.each(backends)('alarm messages in the journal on %s', (backend) => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase(backend);
    await seedChannels(target.db, 'aq-words', ['no2']);
    await upsertAlarmRules(target.db, [rule]);
  }, 60_000);
  afterAll(async () => {
    await target?.drop();
  });

  it('journals a key with numbers, and each transition carries the alarm as it stood after it, live and replayed', async () => {
    const live: AlarmTransition[] = [];
    const engine = await AlarmEngine.start({
      db: target.db,
      logger,
      onTransitions: (transitions) => live.push(...transitions),
    });
    const t = Date.now();
    engine.onValues([
      {
        channelId: 'aq-words/no2',
        value: 212.345,
        statusCode: StatusCode.Good,
        sourceTime: t,
        serverTime: t,
      },
    ]);
    await engine.flush();
    await engine.acknowledge('no2-high@aq-words/no2', 'anna', 'traffic diverted');

    const journal = await alarmJournal(target.db, { alarmId: 'no2-high@aq-words/no2' });
    const [activated, acknowledged] = journal;
    expect(activated?.message).toEqual({
      key: 'alarm.high',
      params: {
        ruleId: 'no2-high',
        asset: 'Test aq-words',
        assetId: 'aq-words',
        channel: 'no2',
        metric: 'no2',
        unit: 'µg/m³',
        value: 212.345,
        limit: 200,
      },
    });
    expect(activated?.alarm).toMatchObject({
      id: 'no2-high@aq-words/no2',
      state: 'unacknowledged',
      active: true,
      acknowledged: false,
      activatedAt: t,
      value: 212.345,
      seq: activated?.seq,
      message: activated?.message,
    });
    expect(acknowledged?.alarm).toMatchObject({
      state: 'acknowledged',
      acknowledged: true,
      seq: acknowledged?.seq,
    });
    // What screens saw live is what the journal keeps, and what a returning screen is replayed.
    expect(live).toEqual(journal);
    const back = screen();
    await openAlarmStream(back.socket, 0, target.db, logger);
    expect(back.sent).toEqual(journal);
    expect(engine.list().find((a) => a.id === 'no2-high@aq-words/no2')).toEqual(acknowledged?.alarm);

    // Worded where it is read, in either language; no sentence is stored.
    const message = activated?.message ?? live[0]?.message;
    if (!message) throw new Error('no message');
    expect(renderAlarmMessage(message, rule.message.nl ?? '', 'nl')).toBe(
      'Test aq-words: NO₂ 212,35 µg/m³, boven 200 µg/m³',
    );
    const { rows } = await target.db.query<{ stored: string }>(
      `SELECT message::text || alarm::text AS stored FROM alarm_journal
       UNION ALL SELECT message::text FROM alarms`,
    );
    for (const { stored } of rows) expect(stored).not.toMatch(/above|boven/);
  }, 60_000);
});
