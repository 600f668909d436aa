import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMSTERDAM_CITY_FILE, type Cabinet, loadCity } from '../../city/loader';
import type { Point } from '../../profiles/schema';
import { type RunningCabinet, startCabinet } from '../cabinet';
import { mbpoll, mbpollTypeOf, probeValueFor, valuesIn } from './mbpoll-helpers';

/**
 * Modbus RTU over a serial line, with mbpoll (libmodbus) as the master. The line is a socat pty pair,
 * the stand-in for an RS-485 cable here: the cabinet holds one end and mbpoll the other. The Rokin
 * cabinet puts four slaves on the bus (two light segments, a rain gauge and an energy meter).
 */
const BAUD = 19_200;
let dir: string;
let socat: ChildProcess;
let cabinet: RunningCabinet;
let rokin: Cabinet;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'city-rtu-'));
  socat = spawn('socat', [`pty,raw,echo=0,link=${dir}/cabinet`, `pty,raw,echo=0,link=${dir}/master`]);
  socat.once('error', () => {});
  for (let wait = 0; !(existsSync(`${dir}/cabinet`) && existsSync(`${dir}/master`)); wait++) {
    if (wait > 100) throw new Error('socat made no pty pair within 5 s (apt-get install socat)');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const found = loadCity(AMSTERDAM_CITY_FILE).cabinets.find((candidate) => candidate.id === 'cab-rokin');
  if (!found) throw new Error('the demo city has no cab-rokin');
  rokin = found;
  cabinet = await startCabinet(rokin, { port: 0, rtu: { path: `${dir}/cabinet`, baudRate: BAUD } });
});
afterAll(async () => {
  await cabinet?.stop();
  socat?.kill();
  await rm(dir, { recursive: true, force: true });
});

const rtu = (slave: number) => [
  '-m',
  'rtu',
  '-b',
  String(BAUD),
  '-P',
  'none',
  '-a',
  String(slave),
  '-o',
  '1',
  '-1',
];

/** The first point mbpoll can show of each kind of table, so every slave gets read and written. */
function probePoints(points: readonly Point[]): Point[] {
  const supported = points.filter((p) =>
    ['int16', 'uint16', 'float32', 'bool', 'enum', 'bitfield'].includes(p.type),
  );
  return [...new Map(supported.map((p) => [`${p.table}/${p.access}`, p])).values()];
}

describe('Modbus RTU on one serial line with several slaves, read by mbpoll', () => {
  it('answers every slave at its own address with the values its profile promises', async () => {
    expect(rokin.devices.length).toBeGreaterThanOrEqual(3);
    for (const device of rokin.devices) {
      for (const point of probePoints(device.profile.points)) {
        const expected = probeValueFor(point);
        const at = ['-r', String(point.address + 1), ...mbpollTypeOf(point)];
        if (point.access === 'read-write') {
          const written = await mbpoll([
            ...rtu(device.unitId),
            ...at,
            `${dir}/master`,
            String(expected / point.scale),
          ]);
          expect(written.output, `${device.id}/${point.name}`).toMatch(/Written 1 references/);
        } else cabinet.setPointValue(device.id, point.name, expected);
        const { ok, output } = await mbpoll([...rtu(device.unitId), ...at, `${dir}/master`]);
        expect(ok, output).toBe(true);
        const raw = valuesIn(output).get(point.address + 1) ?? Number.NaN;
        expect(raw * point.scale + point.offset, `${device.id}/${point.name}`).toBeCloseTo(expected, 4);
      }
    }
  });

  it('stays silent for an address nobody on the bus has, as an RS-485 line does', async () => {
    const { ok, output } = await mbpoll([...rtu(9), '-r', '1', '-t', '4', `${dir}/master`]);
    expect(ok).toBe(false);
    expect(output).toMatch(/timed out/i);
  });

  it('sends a broken CRC while the bad-crc fault is on, and a good one once it is off', async () => {
    const [first] = rokin.devices;
    if (!first) throw new Error('no device');
    const read = ['-r', '1', '-t', '4', `${dir}/master`];
    cabinet.setFault(first.id, { kind: 'bad-crc' });
    const broken = await mbpoll([...rtu(first.unitId), ...read]);
    expect(broken.ok).toBe(false);
    expect(broken.output).toMatch(/CRC/i);
    // The other slaves on the bus are not affected.
    const other = rokin.devices[1];
    expect((await mbpoll([...rtu(other?.unitId ?? 2), ...read])).ok).toBe(true);
    cabinet.clearFault(first.id, 'bad-crc');
    expect((await mbpoll([...rtu(first.unitId), ...read])).ok).toBe(true);
  });
});
