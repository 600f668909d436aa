import { type AlarmEvent, AlarmRuleSchema } from '@city/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDatabase, type TestDatabase } from '../testing';
import { recordAlarmTransitions } from './alarm-journal';
import { alarmKpis } from './alarm-kpis';
import { upsertAlarmRules } from './alarm-rules';
import { normalAlarmRecord } from './alarms';

const T0 = Date.UTC(2026, 10, 29, 8);

describe.each(backends)('alarm-system KPIs on %s', (backend) => {
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
  }, 60_000);
  afterAll(async () => {
    await target?.drop();
  });

  const journal = async (alarmId: string, event: AlarmEvent, atSeconds: readonly number[]) => {
    const message = {
      key: 'alarm.gateway-silent',
      params: {
        ruleId: 'r',
        asset: 'a',
        assetId: 'a',
        channel: 'b',
        metric: 'b',
        unit: 's',
        value: null,
        limit: 60,
      },
    } as const;
    const record = normalAlarmRecord({ id: alarmId, ruleId: 'r', channelId: 'a/b' }, message);
    await recordAlarmTransitions(
      target.db,
      atSeconds.map((s) => ({
        record,
        transition: {
          alarmId,
          ruleId: 'r',
          channelId: 'a/b',
          event,
          state: 'unacknowledged',
          priority: 2,
          message,
          value: null,
          at: T0 + s * 1000,
          actor: null,
          note: null,
        },
      })),
    );
  };

  it('finds the flood, the bad actors and the chattering alarm', async () => {
    // A flood: 11 alarms in the first ten minutes; then a quiet hour with 2.
    await journal('pump@level', 'activated', [10, 70, 130, 190, 250, 310, 370]);
    await journal('chatty@no2', 'activated', [400, 420, 440, 3_000]);
    await journal('chatty@no2', 'cleared', [410, 430]);
    await journal('quiet@pm10', 'activated', [3_500]);
    const kpis = await alarmKpis(target.db, { from: new Date(T0), to: new Date(T0 + 3_600_000) });
    expect(kpis.activations).toBe(12);
    expect(kpis.perTenMinutesPerOperator).toBeCloseTo(12 / 6, 5);
    expect(kpis.peakTenMinutes).toBe(10);
    expect(kpis.floods).toEqual([]);
    expect(kpis.topFrequent[0]).toEqual({ alarmId: 'pump@level', activations: 7 });
    expect(kpis.chattering).toEqual([{ alarmId: 'chatty@no2', episodes: 1 }]);

    await journal('pump@level', 'activated', [500]);
    const flooded = await alarmKpis(target.db, { from: new Date(T0), to: new Date(T0 + 3_600_000) });
    expect(flooded.floods).toEqual([{ start: new Date(T0), activations: 11 }]);
    expect(flooded.floodShare).toBeCloseTo(1 / 6, 5);
    // Two operators share the load: no flood for either.
    const shared = await alarmKpis(target.db, {
      from: new Date(T0),
      to: new Date(T0 + 3_600_000),
      operators: 2,
    });
    expect(shared.floods).toEqual([]);
  });

  it('counts the activations of every 10-minute window for the rate chart, empty windows included', async () => {
    // The journal of the test above: 11 activations in the first ten minutes, then 2 at 50 and 58 min.
    const hour = await alarmKpis(target.db, { from: new Date(T0), to: new Date(T0 + 3_600_000) });
    expect(hour.perTenMinutes).toEqual([11, 0, 0, 0, 0, 2]);
    expect(hour.perTenMinutes.reduce((sum, n) => sum + n, 0)).toBe(hour.activations);
    // A period that starts off the hour and ends within a window: windows run from its start, the last
    // one cut short (the 58-minute alarm falls after its end), and clearings never count.
    const offset = await alarmKpis(target.db, {
      from: new Date(T0 + 5 * 60_000),
      to: new Date(T0 + 57 * 60_000),
    });
    expect(offset.perTenMinutes).toEqual([6, 0, 0, 0, 1, 0]);
  });
});
