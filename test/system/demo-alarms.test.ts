import { listAlarmRules, listAlarms } from '@city/db';
import { createTestDatabase, type TestDatabase } from '@city/db/testing';
import { AMSTERDAM_CITY_FILE, loadCity } from '@city/hardware/city';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningStack, startStack } from '../stack/stack';

/**
 * The demo city as `npm start` runs it (embedded TimescaleDB, OPC UA pumping stations, the shipped
 * alarm rules): a healthy city must not page anyone about communications.
 */
describe('the demo city with its default alarm rules', () => {
  let target: TestDatabase;
  let stack: RunningStack;

  beforeAll(async () => {
    target = await createTestDatabase('embedded');
    stack = await startStack({
      db: target.db,
      city: loadCity(AMSTERDAM_CITY_FILE),
      port: 0,
      host: '127.0.0.1',
      pages: false,
      cabinetPort: 0,
      logger: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await target?.drop();
  });

  it('raises no "device silent" alarm for rain loggers read over OPC UA that report no change for 40 s', async () => {
    // A dry day: the rain loggers of the OPC UA cabinets hold still, so their subscriptions send nothing.
    const opcUaCabinets = stack.cabinets.filter((cabinet) => cabinet.opcUaEndpoint !== undefined);
    expect(opcUaCabinets.length).toBe(3);
    for (const cabinet of opcUaCabinets) {
      const rainLogger = cabinet.describe().devices.find((device) => device.id.endsWith('-rain-logger'));
      if (!rainLogger) throw new Error(`${cabinet.id} has no rain logger`);
      for (const point of ['intensity', 'rain_today', 'rain_total'])
        cabinet.setPointValue(rainLogger.id, point, 0);
    }
    // The shipped rule fires after 30 s without a usable reading.
    await new Promise((resolve) => setTimeout(resolve, 40_000));

    expect(stack.web.alarmsLeading()).toBe(true);
    const rules = (await listAlarmRules(stack.db)).map((rule) => rule.id);
    expect(rules).toEqual(expect.arrayContaining(['device-silent', 'gateway-silent']));
    // An alarm has a record once it left normal; in a fresh database none of these may have one.
    const comms = (await listAlarms(stack.db)).filter((alarm) =>
      ['device-silent', 'gateway-silent'].includes(alarm.ruleId),
    );
    expect(comms.map((alarm) => `${alarm.id}: ${alarm.state}`)).toEqual([]);
  });
});
