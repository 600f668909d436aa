import type { Asset, Channel, Reading } from '@city/domain';
import { StatusCode } from '@city/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type GatewayLogin, loginAsGateway, type TestDatabase } from '../testing';
import { upsertAssets, upsertChannels } from './assets';
import { createGatewayRole, listGatewayRoles, mayRegisterAssets } from './gateway-roles';
import { listGateways, recordGatewayHeartbeat } from './gateways';
import { insertReadings } from './ingest';
import { latestValues } from './latest';
import { committedValues, mayAnnounce, NoticeSenders } from './notice-senders';
import { claimSetpoints, requestSetpoint } from './setpoints';

// Two cabinets: the Vondelpark pumping station is fed by gw-west, the Sloterdijk one by gw-north.
const pump = (id: string): Asset => ({
  id,
  kind: 'pumping-station',
  layer: 'sewer',
  name: id,
  geometry: { type: 'Point', coordinates: [4.87, 52.36] },
  district: 'West',
  properties: {},
});
const level = (assetId: string, gatewayId: string): Channel => ({
  id: `${assetId}/level`,
  assetId,
  metric: 'level',
  name: 'Level',
  unit: 'm',
  displayRange: [0, 5],
  writable: true,
  source: { gatewayId, deviceId: 'plc', point: 'level' },
});
const WEST = level('ps-vondelpark', 'gw-west');
const NORTH = level('ps-sloterdijk', 'gw-north');
const now = (channelId: string, value: number, agoMs = 0): Reading => ({
  channelId,
  value,
  statusCode: StatusCode.Good,
  sourceTime: new Date(Date.now() - agoMs),
});

// Roles belong to the server, so this runs on PostgreSQL only; the embedded database has one
// in-process connection and no one else to keep out (it is exempt, see Database.listen).
describe('a stolen cabinet’s database role (issue 13, field zone)', () => {
  let target: TestDatabase;
  let west: GatewayLogin;
  beforeAll(async () => {
    target = await createTestDatabase('postgres');
    await upsertAssets(target.db, [pump('ps-vondelpark'), pump('ps-sloterdijk')]);
    await upsertChannels(target.db, [WEST, NORTH]);
    west = await loginAsGateway(target.db, target.url as string, 'gw-west');
  });
  afterAll(async () => {
    await target?.drop();
    await west?.drop();
  });

  it('stores its own readings, quarantines unknown ids, and refuses the other cabinet’s channel', async () => {
    const report = await insertReadings(west.db, [
      now(WEST.id, 2.5, 2_000),
      now(WEST.id, 2.75),
      now(NORTH.id, 4.9),
      now('ps-nowhere/level', 1),
    ]);
    expect(report).toMatchObject({ inserted: 2, duplicates: 0, quarantined: 1, refused: 1 });
    expect(await insertReadings(west.db, [now(NORTH.id, 4.9)])).toMatchObject({ inserted: 0, refused: 1 });
    const { rows } = await target.db.query<{ id: string; n: number }>(
      `SELECT c.id, count(r.*)::int AS n FROM channels c LEFT JOIN readings r ON r.channel = c.num GROUP BY c.id ORDER BY c.id`,
    );
    expect(rows).toEqual([
      { id: NORTH.id, n: 0 },
      { id: WEST.id, n: 2 },
    ]);
    const quarantined = await target.db.query<{ channel_id: string }>(
      'SELECT channel_id FROM quarantined_readings',
    );
    expect(quarantined.rows.map((row) => row.channel_id)).toEqual(['ps-nowhere/level']);
    // The newest values follow a moment later, written by the database for its own channels only.
    await expect
      .poll(async () => (await latestValues(target.db)).map((v) => [v.channelId, v.value]), {
        timeout: 5_000,
      })
      .toEqual([[WEST.id, 2.75]]);
    const north = await target.db.query<{ num: number }>('SELECT num FROM channels WHERE id = $1', [
      NORTH.id,
    ]);
    const forged = [[north.rows[0]?.num], [Date.now()], [4.99], [0], [Date.now()]];
    await west.db.query(
      'SELECT keep_gateway_latest($1::int4[], $2::float8[], $3::float8[], $4::int4[], $5::float8[])',
      forged,
    );
    expect((await latestValues(target.db)).map((v) => v.channelId)).toEqual([WEST.id]);
  });

  it('a broken value for the other cabinet’s channel is refused, not a batch stuck for ever', async () => {
    const report = await insertReadings(west.db, [now(WEST.id, Number.NaN), now(NORTH.id, Number.NaN)]);
    expect(report).toMatchObject({
      quarantined: 1,
      quarantineReasons: { 'non-finite-value': 1 },
      refused: 1,
    });
    const { rows } = await target.db.query<{ channel_id: string }>(
      `SELECT channel_id FROM quarantined_readings WHERE reason = 'non-finite-value'`,
    );
    expect(rows.map((row) => row.channel_id)).toEqual([WEST.id]);
  });

  it('reads no users or audit, and writes no assets, readings or alarms of its own accord', async () => {
    for (const sql of [
      'SELECT * FROM users',
      'SELECT * FROM audit_log',
      'SELECT * FROM readings',
      'SELECT * FROM alarms',
      `UPDATE assets SET name = 'Gemaal (taken)'`,
      `INSERT INTO readings (channel, time, value) SELECT num, now(), 0 FROM channels`,
      `DELETE FROM latest_readings`,
    ]) {
      await expect(west.db.query(sql), sql).rejects.toThrow(/permission denied/);
    }
    expect(await mayRegisterAssets(west.db)).toBe(false);
    expect(await mayRegisterAssets(target.db)).toBe(true);
  });

  it('records its own heartbeat but not the other cabinet’s', async () => {
    const status = {
      name: 'west',
      cabinetId: 'cab-west',
      version: '1',
      bufferDepth: 0,
      oldestUnsentMs: null,
    };
    await recordGatewayHeartbeat(west.db, { id: 'gw-west', ...status });
    await recordGatewayHeartbeat(west.db, { id: 'gw-west', ...status, bufferDepth: 3 });
    await expect(recordGatewayHeartbeat(west.db, { id: 'gw-north', ...status })).rejects.toThrow(
      /row-level security/,
    );
    expect((await listGateways(target.db)).map((g) => [g.id, g.bufferDepth])).toEqual([['gw-west', 3]]);
  });

  it('takes the setpoint commands of its own channels only, and only in its own name', async () => {
    const own = await requestSetpoint(target.db, {
      channelId: WEST.id,
      value: 1,
      requestedBy: 'op',
      validForMs: 60_000,
    });
    await requestSetpoint(target.db, {
      channelId: NORTH.id,
      value: 1,
      requestedBy: 'op',
      validForMs: 60_000,
    });
    expect(await claimSetpoints(west.db, 'gw-west', [NORTH.id])).toEqual([]);
    await expect(claimSetpoints(west.db, 'gw-north', [WEST.id])).rejects.toThrow(/row-level security/);
    expect((await claimSetpoints(west.db, 'gw-west', [WEST.id, NORTH.id])).map((c) => c.id)).toEqual([
      own.id,
    ]);
  });

  it('is known by its notices: its backend speaks for its own channels, the owner’s for all', async () => {
    const senders = new NoticeSenders(target.db);
    const pidOf = async (db: typeof target.db) =>
      (await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid as number;
    // A pool hands out any of its connections: the one asked is held by a transaction meanwhile.
    const scope = await west.db.transaction(async (tx) =>
      senders.lookUp(await pidOf(tx as typeof target.db)),
    );
    expect(scope).toMatchObject({ role: west.roleName, gatewayId: 'gw-west' });
    expect(scope && mayAnnounce(scope, WEST.id)).toBe(true);
    expect(scope && mayAnnounce(scope, NORTH.id)).toBe(false);
    const owner = await target.db.transaction(async (tx) =>
      senders.lookUp(await pidOf(tx as typeof target.db)),
    );
    expect(owner && mayAnnounce(owner, NORTH.id)).toBe(true);
    expect(await senders.lookUp(2 ** 30)).toBeUndefined();
  });

  it('hears who sent a notice: a forged readings notice names the cabinet’s role', async () => {
    const heard: { payload: string; pid: number | undefined }[] = [];
    const unlisten = await target.db.listen('city_readings', (payload, pid) => heard.push({ payload, pid }));
    await west.db.query(`SELECT pg_notify('city_readings', '{"forged":true}')`);
    await expect.poll(() => heard.length).toBe(1);
    await unlisten();
    const scope = await new NoticeSenders(target.db).lookUp(heard[0]?.pid as number);
    expect(scope?.role).toBe(west.roleName);
  });

  it('cannot pass a forged value off as committed when its session is gone', async () => {
    const stored = now(WEST.id, 3.25, 10_000);
    await insertReadings(west.db, [stored]);
    const asAnnounced = (r: Reading) => ({
      channelId: r.channelId,
      value: r.value,
      statusCode: 0,
      sourceTime: r.sourceTime.getTime(),
      serverTime: Date.now(),
    });
    const forged = { ...asAnnounced(stored), value: 0.1 };
    expect(
      await committedValues(target.db, [asAnnounced(stored), forged, asAnnounced(now(NORTH.id, 9))]),
    ).toEqual([true, false, false]);
  });

  it('db-role create is idempotent: a second run sets a new password and moves nothing else', async () => {
    const password = 'a-new-password-from-the-file-0123';
    expect(
      await createGatewayRole(target.db, { gatewayId: 'gw-west', roleName: west.roleName, password }),
    ).toBe('updated');
    const mine = (await listGatewayRoles(target.db)).filter((role) => role.roleName === west.roleName);
    expect(mine).toEqual([{ roleName: west.roleName, gatewayId: 'gw-west', canLogin: true, channels: 1 }]);
    await expect(
      createGatewayRole(target.db, { gatewayId: 'gw-west', roleName: 'city', password }),
    ).rejects.toThrow(/not a gateway's/);
  });
});
