import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { insertReadings, listAudit, upsertAlarmRules } from '@city/db';
import { seedChannels } from '@city/db/testing';
import { AlarmRuleSchema, StatusCode } from '@city/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, refusal, startTestControlRoom, type TestControlRoom } from '../admin/testing';
import { signInAs } from '../auth/testing';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './webhook-signing';

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real receiver on loopback, as an SMS gateway or a chat's incoming webhook would be. */
async function receiver() {
  const got: Delivery[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      got.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, got, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function until<T>(find: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; ) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const rule = (id: string, channelId: string) =>
  AlarmRuleSchema.parse({
    id,
    name: id,
    kind: 'high',
    target: { channelId },
    limit: 200,
    priority: 1,
    message: { nl: `${id} te hoog: {value} {unit}`, en: `${id} too high: {value} {unit}` },
  });

const alarmsOf = (deliveries: Delivery[]) =>
  deliveries
    .map((d) => JSON.parse(d.body) as { kind: string; transition?: { ruleId: string; priority: number } })
    .filter((payload) => payload.kind === 'city-operations.alarm');

describe('webhooks an admin adds over the API receive urgent alarms, signed, without a restart', () => {
  let room: TestControlRoom;
  let api: ReturnType<typeof apiAs>;
  let sms: Awaited<ReturnType<typeof receiver>>;
  let fromEnv: Awaited<ReturnType<typeof receiver>>;
  let off: Awaited<ReturnType<typeof receiver>>;
  const raise = (channelId: string) =>
    insertReadings(room.target.db, [
      { channelId, value: 250, statusCode: StatusCode.Good, sourceTime: new Date() },
    ]);

  beforeAll(async () => {
    [sms, fromEnv, off] = await Promise.all([receiver(), receiver(), receiver()]);
    room = await startTestControlRoom({
      realtime: { alarmWebhook: { url: fromEnv.url, maxPriority: 1 } },
      seed: async (db) => {
        await seedChannels(db, 'aq-hook', ['no2', 'pm10']);
        await upsertAlarmRules(db, [rule('no2-p1', 'aq-hook/no2'), rule('pm10-p1', 'aq-hook/pm10')]);
      },
    });
    const admin = await signInAs(room.target.db, room.server.url, 'admin', 'hook.admin');
    api = apiAs(room.server.url, admin.cookie);
    await until(() => (room.server.alarmsLeading() ? true : undefined), 'the alarm engine to lead');
  }, 60_000);
  afterAll(async () => {
    await room?.close();
    await Promise.all([sms?.close(), fromEnv?.close(), off?.close()]);
  });

  it('refuses a receiver that is not plain http(s), or that carries credentials', async () => {
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'ftp://example.org/x',
      'http://u:p@example.org/',
    ]) {
      const refused = await refusal(api.admin.webhooks.create.mutate({ name: 'bad', url }));
      expect(refused.code, url).toBe('BAD_REQUEST');
    }
    expect(await api.admin.webhooks.list.query()).toEqual([]);
    const shouted = await api.admin.webhooks.create.mutate({ name: 'caps', url: 'HTTPS://Example.ORG/Hook' });
    expect(shouted.webhook.url).toBe('https://example.org/Hook');
    await api.admin.webhooks.delete.mutate({ id: shouted.webhook.id });
  });

  it('delivers the next P1 activation to the new webhook with a valid HMAC signature, and to the environment one', async () => {
    const { webhook, generatedSecret } = await api.admin.webhooks.create.mutate({
      name: 'sms-gateway',
      url: sms.url,
      maxPriority: 1,
      generateSecret: true,
    });
    expect(webhook).toMatchObject({ name: 'sms-gateway', signed: true, enabled: true, maxPriority: 1 });
    const secret = generatedSecret ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await api.admin.webhooks.create.mutate({ name: 'switched-off', url: off.url, enabled: false });
    // The secret is shown once: the list, and the audit trail, never carry it.
    expect(JSON.stringify(await api.admin.webhooks.list.query())).not.toContain(secret);
    expect(JSON.stringify(await listAudit(room.target.db, { action: 'webhook.' }))).not.toContain(secret);

    await raise('aq-hook/no2');
    const [alarm] = await until(
      () => (alarmsOf(sms.got).length > 0 ? sms.got : undefined),
      'the SMS gateway',
    );
    if (!alarm) throw new Error('no delivery');
    const timestamp = String(alarm.headers[TIMESTAMP_HEADER]);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(verifySignature(secret, timestamp, alarm.body, String(alarm.headers[SIGNATURE_HEADER]))).toBe(
      true,
    );
    expect(
      verifySignature(
        'another secret entirely',
        timestamp,
        alarm.body,
        String(alarm.headers[SIGNATURE_HEADER]),
      ),
    ).toBe(false);
    expect(JSON.parse(alarm.body)).toMatchObject({
      message: { key: 'alarm.high', params: { ruleId: 'no2-p1', value: 250, limit: 200, unit: 'µg/m³' } },
      text: { nl: 'P1 no2-p1 te hoog: 250 µg/m³', en: 'P1 no2-p1 too high: 250 µg/m³' },
      transition: {
        ruleId: 'no2-p1',
        priority: 1,
        alarm: { id: 'no2-p1@aq-hook/no2', state: 'unacknowledged' },
      },
    });
    await until(() => (alarmsOf(fromEnv.got).length > 0 ? true : undefined), 'the environment webhook');
    expect(fromEnv.got[0]?.headers[SIGNATURE_HEADER]).toBeUndefined();
    expect(off.got).toEqual([]);
  }, 30_000);

  it('sends a signed test message on request, and a disabled webhook gets the next alarm no more', async () => {
    const [hook] = await api.admin.webhooks.list.query();
    if (!hook) throw new Error('no webhook');
    expect(await api.admin.webhooks.test.mutate({ id: hook.id })).toEqual({
      ok: true,
      status: 204,
      error: null,
    });
    const test = sms.got.at(-1);
    expect(JSON.parse(test?.body ?? '{}')).toMatchObject({ kind: 'city-operations.test' });
    expect(test?.headers[SIGNATURE_HEADER]).toMatch(/^sha256=[0-9a-f]{64}$/);

    await api.admin.webhooks.update.mutate({ id: hook.id, enabled: false });
    const before = alarmsOf(sms.got).length;
    await raise('aq-hook/pm10');
    await until(
      () => (alarmsOf(fromEnv.got).length > 1 ? true : undefined),
      'the second alarm at the environment webhook',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(alarmsOf(sms.got)).toHaveLength(before);
    const audited = await listAudit(room.target.db, { action: 'webhook.' });
    expect(audited.map((row) => row.action)).toEqual([
      'webhook.update',
      'webhook.test',
      'webhook.create',
      'webhook.create',
      'webhook.delete',
      'webhook.create',
    ]);
    await api.admin.webhooks.delete.mutate({ id: hook.id });
    expect((await api.admin.webhooks.list.query()).map((w) => w.name)).toEqual(['switched-off']);
  }, 30_000);
});
