import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMSTERDAM_CITY_FILE, type Cabinet, loadCity } from '../../city/loader';
import type { Point } from '../../profiles/schema';
import { type RunningCity, startCity } from '../city';

/**
 * Interop with a second master we did not write: pymodbus from Debian (python3-pymodbus 3.0, run with
 * /usr/bin/python3, not the python3 on PATH) reads and writes one device of every profile in the demo
 * city and decodes the values with its own payload decoder, in the word order the profile documents.
 */
const PYTHON = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'pymodbus_client.py');

interface Step {
  unit: number;
  table: Point['table'];
  address: number;
  type: Point['type'];
  wordOrder: Point['wordOrder'];
  write?: number;
}

function pymodbus(port: number, steps: Step[]): Promise<({ value: number } | { error: string })[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(PYTHON, [SCRIPT], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) {
        const hint = /No module named 'pymodbus'/.test(stderr) ? ' (apt-get install python3-pymodbus)' : '';
        reject(new Error(`pymodbus client failed${hint}: ${stderr || error.message}`));
      } else resolve(JSON.parse(stdout));
    });
    child.stdin?.end(JSON.stringify({ port, steps }));
  });
}

/** A value inside the display range that the raw type holds exactly, so both sides must agree. */
function probeValueFor(point: Point): number {
  if (point.type === 'enum') return Number(Object.keys(point.values ?? {}).at(-1) ?? 0);
  if (point.type === 'bool') return 1;
  if (point.type === 'bitfield') return 0b101;
  const [min, max] = point.writeRange ?? point.displayRange;
  const middle = min + (max - min) * 0.37;
  return point.type.startsWith('float')
    ? Math.round(middle * 4) / 4
    : Math.round(middle / point.scale) * point.scale;
}

const city = loadCity(AMSTERDAM_CITY_FILE);
/** One device of every profile model, with the cabinet it sits in. */
const samples = new Map<string, { cabinet: Cabinet; device: Cabinet['devices'][number] }>();
for (const cabinet of city.cabinets) {
  for (const device of cabinet.devices) {
    if (!samples.has(device.profile.model)) samples.set(device.profile.model, { cabinet, device });
  }
}

let running: RunningCity;
beforeAll(async () => {
  const cabinets = [...new Set([...samples.values()].map(({ cabinet }) => cabinet))];
  // Modbus only: OPC UA servers would make their certificates first, which a loaded machine is slow at.
  running = await startCity({ ...city, cabinets }, { basePort: 0, opcua: false });
}, 60_000);
afterAll(() => running?.stop());

describe('pymodbus reads and writes what the profiles promise', () => {
  it.each([...samples.keys()])('every point of a %s', async (model) => {
    const { cabinet, device } = samples.get(model) ?? {};
    if (!cabinet || !device) throw new Error(`no ${model} in the demo city`);
    const served = running.cabinets.find((candidate) => candidate.id === cabinet.id);
    if (!served) throw new Error(`${cabinet.id} is not running`);
    const points = device.profile.points;
    const expected = points.map(probeValueFor);
    const steps = points.map((point, i): Step => {
      const step = {
        unit: device.unitId,
        table: point.table,
        address: point.address,
        type: point.type,
        wordOrder: point.wordOrder,
      };
      if (point.access === 'read-write')
        return { ...step, write: ((expected[i] ?? 0) - point.offset) / point.scale };
      served.setPointValue(device.id, point.name, expected[i] ?? 0);
      return step;
    });
    const answers = await pymodbus(served.port, steps);
    points.forEach((point, i) => {
      const answer = answers[i];
      if (!answer || 'error' in answer)
        throw new Error(`${device.id}/${point.name}: ${JSON.stringify(answer)}`);
      const engineering = point.type === 'bool' ? answer.value : answer.value * point.scale + point.offset;
      expect(engineering, `${device.id}/${point.name} (${point.type}, ${point.wordOrder})`).toBeCloseTo(
        expected[i] ?? Number.NaN,
        4,
      );
      // What the master wrote is what the device now holds.
      if (point.access === 'read-write')
        expect(served.readPointValue(device.id, point.name)).toBeCloseTo(expected[i] ?? 0, 4);
    });
  });

  it('hears an exception for an address no point has', async () => {
    const { cabinet } = samples.get('air-quality-station') ?? {};
    const served = running.cabinets.find((candidate) => candidate.id === cabinet?.id);
    const [answer] = await pymodbus(served?.port ?? 0, [
      { unit: 1, table: 'input-register', address: 9000, type: 'uint16', wordOrder: 'big' },
    ]);
    expect(answer).toEqual({ error: expect.stringMatching(/Exception Response.*2/) });
  });
});
