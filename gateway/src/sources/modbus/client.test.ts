import { createServer } from 'node:net';
import { freePort } from '@city/hardware/simulators';
import { describe, expect, it } from 'vitest';
import { ModbusClient } from './client';

describe('the Modbus client', () => {
  it('backs off after failed connects instead of trying on every request, recovers, and closes after a timeout', async () => {
    const port = await freePort();
    let connects = 0;
    const client = new ModbusClient({ kind: 'tcp', host: '127.0.0.1', port, timeoutMs: 300 });
    const read = () =>
      client.read(1, 'input-register', 0, 1).then(
        () => 'answered',
        (error: Error) => error.message,
      );
    // Nothing listens: the first request tries and fails; those right after fail at once, untried.
    expect(await read()).toMatch(/ECONNREFUSED/);
    expect(await read()).toMatch(/ECONNREFUSED.*next connect in 0\.\d s/);

    // Something now accepts connections (and never answers): after the pause the client tries again.
    const server = createServer((socket) => {
      connects += 1;
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(await read()).toMatch(/Timed out/i);
      expect(connects).toBe(1);
    } finally {
      await client.close();
      server.close();
    }
  });
});
