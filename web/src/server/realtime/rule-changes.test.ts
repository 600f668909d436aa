import { upsertAlarmRules } from '@city/db';
import { createTestDatabase, seedChannels, type TestDatabase } from '@city/db/testing';
import { AlarmRuleSchema, StatusCode } from '@city/domain';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlarmEngine } from '../alarms/engine';
import { listenForRuleChanges } from './realtime-server';

const logger = pino({ level: 'silent' });

describe('rule changes reach the evaluating instance, on PostgreSQL', () => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase('postgres');
    await seedChannels(target.db, 'aq-rules', ['no2']);
  }, 60_000);
  afterAll(async () => {
    await target?.drop();
  });

  it('applies a rule an engineer saved while the engine was still loading its rules', async () => {
    const rules = await listenForRuleChanges(target.db, logger);
    const engine = await AlarmEngine.start({ db: target.db, logger, onTransitions: () => {} });
    // Saved after the engine read the rules, announced before it was attached to the listener.
    const announced = new Promise<void>((resolve) => {
      void target.db.listen('city_alarm_rules', () => resolve());
    });
    await upsertAlarmRules(target.db, [
      AlarmRuleSchema.parse({
        id: 'no2-high',
        name: 'NO₂ high',
        kind: 'high',
        target: { channelId: 'aq-rules/no2' },
        limit: 200,
        priority: 2,
        message: '{asset} NO₂ {value} {unit}',
      }),
    ]);
    await announced;
    rules.attach(engine);

    await expect
      .poll(
        async () => {
          const now = Date.now();
          engine.onValues([
            {
              channelId: 'aq-rules/no2',
              value: 250,
              statusCode: StatusCode.Good,
              sourceTime: now,
              serverTime: now,
            },
          ]);
          await engine.flush();
          return engine.list().map((alarm) => alarm.id);
        },
        { timeout: 5_000 },
      )
      .toContain('no2-high@aq-rules/no2');
    await rules.unlisten();
    await engine.flush();
  });
});
