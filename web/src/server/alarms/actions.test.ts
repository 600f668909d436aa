import { type Database, listAudit, openDatabase, upsertAlarmRules } from '@city/db';
import { createTestDatabase, DarkableProxy, seedChannels, type TestDatabase } from '@city/db/testing';
import { AlarmRuleSchema, StatusCode } from '@city/domain';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { relayAlarmAction, serveRelayedActions } from './actions';
import { AlarmEngine } from './engine';

/** The evaluating instance reaches the database through a proxy that can go dark, as a link does. */
const logger = pino({ level: 'silent' });
let target: TestDatabase | undefined;
let proxy: DarkableProxy | undefined;
let viaProxy: Database | undefined;
let stopRelay: (() => Promise<void>) | undefined;
afterAll(async () => {
  proxy?.comeBack();
  await stopRelay?.();
  await viaProxy?.close();
  proxy?.server.close();
  await target?.drop();
});

const bob = {
  name: 'bob',
  userId: 7,
  role: 'operator',
  sessionRef: 'b0b',
  address: '10.1.2.3',
  userAgent: 'tablet',
};

describe('relayed alarm actions', () => {
  it('are served again once the database is back after a round failed while it was away', async () => {
    target = await createTestDatabase('postgres');
    await seedChannels(target.db, 'aq-relay', ['no2']);
    await upsertAlarmRules(target.db, [
      AlarmRuleSchema.parse({
        id: 'no2-high',
        name: 'NO₂ high',
        kind: 'high',
        target: { channelId: 'aq-relay/no2' },
        limit: 200,
        priority: 2,
        message: '{asset} NO₂ {value}',
      }),
    ]);
    const serverUrl = new URL(target.url ?? '');
    proxy = new DarkableProxy(Number(serverUrl.port || 5432));
    serverUrl.port = String(await proxy.listen());
    viaProxy = await openDatabase({ url: serverUrl.toString(), logger });
    const engine = await AlarmEngine.start({ db: viaProxy, logger, gatewayLookMs: 3_600_000 });
    const now = Date.now();
    engine.onValues([
      {
        channelId: 'aq-relay/no2',
        value: 250,
        statusCode: StatusCode.Good,
        sourceTime: now,
        serverTime: now,
      },
    ]);
    await engine.flush();
    stopRelay = await serveRelayedActions(viaProxy, engine, logger);

    // Long enough for the relay's fallback round (every 3 s) to fail against the dark link.
    proxy.goDark();
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    proxy.comeBack();

    // Another instance relays an acknowledgement; the evaluating one must still be serving.
    await relayAlarmAction(
      target.db,
      'no2-high@aq-relay/no2',
      bob,
      { kind: 'acknowledge', note: 'seen' },
      15_000,
    );
    expect(engine.list().find((alarm) => alarm.id === 'no2-high@aq-relay/no2')?.state).toBe('acknowledged');
    // The instance that carried it out wrote the audit row as the one who asked, from where they asked.
    expect((await listAudit(target.db, { action: 'alarm.acknowledge' }))[0]).toMatchObject({
      actor: 'bob',
      role: 'operator',
      address: '10.1.2.3',
      sessionRef: 'b0b',
    });
  }, 60_000);
});
