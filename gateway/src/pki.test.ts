import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '@city/db';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { GatewayConfigSchema } from './config';
import { DEPLOYED_BUFFER_PATH, DEPLOYED_PKI_DIR } from './from-city';
import { startGateway } from './gateway';
import { pkiDirOf } from './pki';

const logger = pino({ level: 'silent' });
const work = mkdtempSync(join(tmpdir(), 'city-gateway-pki-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const config = (fields: object) => GatewayConfigSchema.parse({ gatewayId: 'gw-pki', devices: [], ...fields });

describe("where a gateway keeps its certificates when the config's pki.dir does not say", () => {
  it('is pki/<gateway> beside the buffer file, pki.dir when given, and never the temporary directory', () => {
    expect(pkiDirOf(config({ buffer: { path: '/var/lib/city-gateway/buffer.sqlite' } }))).toBe(
      '/var/lib/city-gateway/pki/gw-pki',
    );
    expect(pkiDirOf(config({ pki: { dir: DEPLOYED_PKI_DIR }, buffer: { path: DEPLOYED_BUFFER_PATH } }))).toBe(
      DEPLOYED_PKI_DIR,
    );
    // A buffer in memory (tests, the all-in-one demo): under the working directory's .data/, kept across restarts.
    expect(pkiDirOf(config({}))).toBe(resolve('.data', 'gateway', 'pki', 'gw-pki'));
    expect(pkiDirOf(config({ buffer: { path: 'state/cab.sqlite' } }))).toBe(
      resolve('state', 'pki', 'gw-pki'),
    );
    // Never the old fallback in the temporary directory (the working directory itself may lie under
    // it, as a CI clone in /tmp does, which the exact expectation above already covers).
    expect(pkiDirOf(config({})).startsWith(join(tmpdir(), 'city-gateway-pki'))).toBe(false);
  });

  it('a gateway with an OPC UA device creates its key beside its buffer at start, readable by it alone', async () => {
    const gatewayId = `gw-pki-${process.pid}`;
    const gateway = await startGateway({
      // A database that never answers: the gateway starts and buffers all the same.
      db: () =>
        openDatabase({ url: 'postgres://city:city@127.0.0.1:1/none', logger, timeouts: { connectMs: 500 } }),
      config: {
        gatewayId,
        devices: [
          {
            id: 'plc',
            protocol: 'opcua',
            // Nothing listens there: the device retries while the test looks at the disk.
            endpointUrl: 'opc.tcp://127.0.0.1:1/none',
            security: { mode: 'SignAndEncrypt', policy: 'Basic256Sha256' },
            points: [{ nodeId: 'ns=1;s=plc.level', channelId: 'plc/level' }],
          },
        ],
        buffer: { path: join(work, 'buffer.sqlite') },
      },
      logger,
    });
    try {
      const key = join(work, 'pki', gatewayId, 'own', 'private', 'private_key.pem');
      expect(existsSync(key)).toBe(true);
      expect(statSync(key).mode & 0o077).toBe(0);
      expect(existsSync(join(work, 'pki', gatewayId, 'trusted', 'certs'))).toBe(true);
      expect(existsSync(join(tmpdir(), 'city-gateway-pki', gatewayId))).toBe(false);
    } finally {
      await gateway.stop();
    }
  }, 60_000);
});
