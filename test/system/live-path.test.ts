import { latestValues } from '@city/db';
import { backends, createTestDatabase, type TestDatabase } from '@city/db/testing';
import type { LatestValue } from '@city/domain';
import { type ClientToServerEvents, fromWire, type ServerToClientEvents } from '@city/web';
import { signInAs } from '@city/web/testing';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningStack, startStack } from '../stack/stack';

describe.each(backends)(
  'the live path on %s: cabinet register → gateway → database → Socket.IO',
  (backend) => {
    let target: TestDatabase;
    let stack: RunningStack;
    let socket: Socket<ServerToClientEvents, ClientToServerEvents>;
    const received: LatestValue[] = [];

    beforeAll(async () => {
      target = await createTestDatabase(backend);
      stack = await startStack({
        db: target.db,
        port: 0,
        host: '127.0.0.1',
        pages: false,
        cabinetPort: 0,
        cabinetControlPort: 0,
        pollIntervalMs: 250,
        logger: pino({ level: 'silent' }),
      });
      const { cookie } = await signInAs(stack.db, stack.url, 'viewer');
      socket = io(stack.url, { transports: ['websocket'], extraHeaders: { cookie } });
      socket.on('snapshot', (snapshot) => received.push(...fromWire(snapshot.values, snapshot.serverTime)));
      socket.on('telemetry', (frame) => received.push(...fromWire(frame.values, frame.serverTime)));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
    });
    afterAll(async () => {
      socket?.close();
      await stack?.stop();
      await target?.drop();
    });

    it('a value written into the simulator registers reaches the database and every connected screen', async () => {
      const written = 187.25;
      stack.cabinets[0]?.setPointValue('vondelpark-aq-logger', 'no2', written);

      await expect
        .poll(
          async () => (await latestValues(stack.db)).find((v) => v.channelId === 'aq-vondelpark/no2')?.value,
          {
            timeout: 10_000,
          },
        )
        .toBe(written);
      await expect
        .poll(() => received.some((v) => v.channelId === 'aq-vondelpark/no2' && v.value === written), {
          timeout: 10_000,
        })
        .toBe(true);
      const emitted = received.findLast((v) => v.channelId === 'aq-vondelpark/no2');
      expect(emitted?.statusCode).toBe(0);
      expect(emitted?.serverTime).toBeGreaterThanOrEqual(emitted?.sourceTime ?? Number.POSITIVE_INFINITY);
    });

    it('a fault switched on through the cabinet control API reaches the screens as bad quality, and clears', async () => {
      const device = `${stack.cabinetControlUrl}/cabinets/${stack.cabinets[0]?.id}/devices/vondelpark-aq-logger`;
      const latestNo2 = () => received.findLast((v) => v.channelId === 'aq-vondelpark/no2');
      const response = await fetch(`${device}/faults/exception`, {
        method: 'PUT',
        body: JSON.stringify({ code: 'device-failure' }),
      });
      expect(response.status).toBe(200);
      await expect.poll(() => latestNo2()?.statusCode ?? 0, { timeout: 10_000 }).not.toBe(0);
      // Bad quality: the StatusCode's top two bits are 10.
      expect((latestNo2()?.statusCode ?? 0) >>> 30).toBe(2);
      await fetch(`${device}/faults`, { method: 'DELETE' });
      await expect.poll(() => latestNo2()?.statusCode, { timeout: 10_000 }).toBe(0);
    });
  },
);
