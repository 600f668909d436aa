import { type AddressInfo, connect, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AMSTERDAM_CITY_FILE, loadCity } from '../city/loader';
import { startCity } from './city';

const city = loadCity(AMSTERDAM_CITY_FILE);

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('a whole city of cabinets', () => {
  it('serves every cabinet on its own port, lists them all on one control API, and frees them on stop', async () => {
    // OPC UA is tested on its own (interop/opcua.test.ts); here it would only make the start slow.
    const running = await startCity(city, { basePort: 0, controlPort: 0, opcua: false });
    const ports = running.cabinets.map((cabinet) => cabinet.port);
    expect(new Set(ports).size).toBe(city.cabinets.length);
    const listed = (await (await fetch(`${running.control?.url}/cabinets`)).json()) as { id: string }[];
    expect(listed.map((cabinet) => cabinet.id)).toEqual(city.cabinets.map((cabinet) => cabinet.id));
    expect(await accepts(ports[0] ?? 0)).toBe(true);
    await running.stop();
    expect(await accepts(ports[0] ?? 0)).toBe(false);
  });

  it('stops what it started when a port is taken, and says which', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as AddressInfo).port;
    try {
      // The first cabinet gets the port below the taken one, the second the taken one.
      await expect(startCity(city, { basePort: taken - 1, opcua: false })).rejects.toThrow(
        new RegExp(`${taken}.*another process holds it`),
      );
      expect(await accepts(taken - 1)).toBe(false);
    } finally {
      squatter.close();
    }
  });
});
