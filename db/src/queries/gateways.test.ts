import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDatabase, type TestDatabase } from '../testing';
import { listGateways, recordGatewayHeartbeat } from './gateways';

describe.each(backends)('gateway heartbeats on %s', (backend) => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase(backend);
  });
  afterAll(() => target?.drop());

  it('registers a gateway on its first heartbeat and keeps its latest report', async () => {
    const base = { id: 'gw-cab-1', name: 'Cabinet 1 gateway', cabinetId: 'cab-1', version: '0.1.0' };
    await recordGatewayHeartbeat(target.db, { ...base, bufferDepth: 1200, oldestUnsentMs: 45_000 });
    const before = Date.now();
    await recordGatewayHeartbeat(target.db, {
      ...base,
      version: '0.2.0',
      bufferDepth: 0,
      oldestUnsentMs: null,
    });
    const [gateway, ...others] = await listGateways(target.db);
    expect(others).toEqual([]);
    expect(gateway).toMatchObject({ ...base, version: '0.2.0', bufferDepth: 0, oldestUnsentMs: null });
    expect(gateway?.lastSeen).toBeGreaterThanOrEqual(before - 1_000);
  });
});
