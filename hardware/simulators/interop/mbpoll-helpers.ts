import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Point } from '../../profiles/schema';

/**
 * Driving mbpoll (Debian package "mbpoll", a libmodbus master). Mind its conventions: "-r 1" is
 * protocol address 0, and 32-bit values are little word order (CDAB) unless "-B" is given.
 */
const run = promisify(execFile);

export async function mbpoll(args: string[]): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run('mbpoll', args, { timeout: 15_000 });
    return { ok: true, output: stdout };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new Error('mbpoll is not installed; this interop test needs it: apt-get install mbpoll');
    }
    return { ok: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

/** mbpoll prints "[ref]: value", and for a negative 16-bit register "[ref]: 65413 (-123)". */
export function valuesIn(output: string): Map<number, number> {
  const values = new Map<number, number>();
  for (const match of output.matchAll(/^\[(\d+)\]:\s+(\S+)(?:\s+\((-?\d+)\))?/gm)) {
    values.set(Number(match[1]), Number(match[3] ?? match[2]));
  }
  return values;
}

/** The mbpoll data type for a point: 0 = coils, 1 = discrete inputs, 3 = input registers, 4 = holding registers. */
export function mbpollTypeOf(point: Point): string[] {
  const table = { coil: '0', 'discrete-input': '1', 'input-register': '3', 'holding-register': '4' }[
    point.table
  ];
  if (point.type === 'float32') return ['-t', `${table}:float`, ...(point.wordOrder === 'big' ? ['-B'] : [])];
  if (['int16', 'uint16', 'bitfield', 'enum', 'bool'].includes(point.type)) return ['-t', table];
  throw new Error(`this interop test does not cover ${point.type} yet`);
}

/** A value inside the display range that the raw type holds exactly, so both sides must agree. */
export function probeValueFor(point: Point): number {
  if (point.type === 'enum') return Number(Object.keys(point.values ?? {})[0] ?? 0);
  if (point.type === 'bool') return 1;
  const [min, max] = point.writeRange ?? point.displayRange;
  const middle = min + (max - min) * 0.37;
  return point.type === 'float32'
    ? Math.round(middle * 4) / 4
    : Math.round(middle / point.scale) * point.scale;
}
