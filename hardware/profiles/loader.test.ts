import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DataFileError, displayNameOf } from '../lib/data-file';
import { listProfiles, loadProfile, loadProfileFile, PROFILES_DIR } from './loader';

const scratchDirs: string[] = [];
function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'profile-'));
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

type Editable = { [key: string]: unknown; points: Record<string, unknown>[] };

/** Writes the loop-detector profile with one mistake made in it, and returns the error it gets. */
function errorFor(edit: (profile: Editable) => void, fileName = 'loop-detector.yaml'): DataFileError {
  const profile = parse(readFileSync(join(PROFILES_DIR, 'loop-detector.yaml'), 'utf8')) as Editable;
  edit(profile);
  return errorForText(stringify(profile), fileName);
}

function errorForText(text: string, fileName = 'loop-detector.yaml'): DataFileError {
  const file = join(scratchDir(), fileName);
  writeFileSync(file, text);
  try {
    loadProfileFile(file);
  } catch (error) {
    if (error instanceof DataFileError) return error;
    throw error;
  }
  throw new Error('expected the profile to be rejected');
}

const point = (profile: Editable, index: number): Record<string, unknown> => {
  const found = profile.points[index];
  if (!found) throw new Error(`fixture has no points[${index}]`);
  return found;
};

describe('device profiles', () => {
  it('lists and loads the profiles that ship', () => {
    expect(listProfiles()).toEqual([
      'air-quality-station',
      'eastron-sdm630',
      'loop-detector',
      'rain-gauge',
      'sewer-pumping-station',
      'street-light-segment',
    ]);
    const air = loadProfile('air-quality-station');
    expect(air.points.map((p) => [p.name, p.type, p.table, p.address])).toEqual([
      ['no2', 'float32', 'input-register', 0],
      ['pm10', 'float32', 'input-register', 2],
      ['pm25', 'float32', 'input-register', 4],
      ['status_word', 'bitfield', 'input-register', 6],
      ['o3', 'float32', 'input-register', 8],
      ['temperature', 'float32', 'input-register', 10],
      ['humidity', 'float32', 'input-register', 12],
    ]);
    const loop = loadProfile('loop-detector');
    expect(loop.points.find((p) => p.name === 'speed')).toMatchObject({
      type: 'int16',
      scale: 0.1,
      unit: 'km/h',
    });
    expect(loop.points.find((p) => p.name === 'occupancy')).toMatchObject({ type: 'uint16', scale: 0.1 });
    expect(loop.points.every((p) => p.wordOrder === 'big' && p.offset === 0)).toBe(true);
  });

  it('names the file, the field path and the choices for a mistyped data type', () => {
    const error = errorFor((p) => {
      point(p, 2).type = 'int61';
    });
    expect(error.code).toBe('CITY_HW_INVALID_DATA_FILE');
    expect(error.message).toContain(
      `${error.file}: points[2].type: expected one of bool, int16, uint16, int32, uint32, float32, float64, bitfield, enum (got "int61")`,
    );
    expect(error.issues[0]?.line).toBeGreaterThan(1);
  });

  it('catches a misspelt field and the field it left missing', () => {
    const error = errorFor((p) => {
      const target = point(p, 1);
      target.adress = target.address;
      delete target.address;
    });
    expect(error.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'points[1].address: missing; expected a number',
      'points[1].adress: unknown field (check the spelling)',
    ]);
  });

  it('rejects a register type in a bit table and a bit in a register table', () => {
    const error = errorFor((p) => {
      point(p, 0).table = 'coil';
      point(p, 1).type = 'bool';
    });
    expect(error.message).toContain('points[0].type: a coil holds one bit; expected bool (got "uint16")');
    expect(error.message).toContain('points[1].type: bool belongs in a coil or discrete-input');
  });

  it('keeps writes to tables a master can write, within a declared range', () => {
    const error = errorFor((p) => {
      point(p, 0).access = 'read-write';
      delete point(p, 4).writeRange;
      point(p, 3).writeRange = [0, 1];
    });
    expect(error.message).toContain('points[0].access: a master cannot write a input-register');
    expect(error.message).toContain('points[4].writeRange: required for a read-write point');
    expect(error.message).toContain('points[3].writeRange: only read-write points take a writeRange');
  });

  it('finds points that share registers', () => {
    const error = errorFor((p) => {
      point(p, 1).type = 'float32';
    });
    expect(error.message).toContain('points[2].address: input-register 2..2 overlaps "speed" (1..2)');
  });

  it('checks that ranges fit the raw type after scaling', () => {
    const error = errorFor((p) => {
      point(p, 1).displayRange = [0, 4000];
      point(p, 0).displayRange = [10, 5];
      point(p, 4).initial = 5;
    });
    expect(error.message).toContain(
      'points[1].displayRange: does not fit int16 with scale 0.1 (representable -3276.8..3276.7)',
    );
    expect(error.message).toContain('points[0].displayRange: expected [min, max] with min < max');
    expect(error.message).toContain('points[4].initial: expected a value in 10..900 (got 5)');
  });

  it('insists on unique names and metrics, a non-zero scale and whole addresses', () => {
    const error = errorFor((p) => {
      point(p, 2).metric = 'speed';
      point(p, 3).scale = 0;
      point(p, 0).address = 1.5;
    });
    expect(error.message).toContain('points[0].address: expected an integer (got 1.5)');
    expect(error.message).toContain('points[3].scale: expected a non-zero number (got 0)');
    const duplicate = errorFor((p) => {
      point(p, 2).metric = 'speed';
    });
    expect(duplicate.message).toContain('points[2].metric: "speed" is already used by points[1]');
  });

  it('requires the model to match the file name, so profiles are found by name', () => {
    const error = errorFor(() => {}, 'loop-detector-v2.yaml');
    expect(error.message).toContain(
      'model: must equal the file name "loop-detector-v2" (got "loop-detector")',
    );
  });

  it('reports YAML syntax errors with their line', () => {
    const error = errorForText('model: loop-detector\npoints:\n  - name: flow\n   label: bad indent\n');
    expect(error.issues[0]).toMatchObject({ path: '(yaml)', line: 4 });
    expect(error.message).toMatch(/YAML syntax/);
  });

  it('reports an empty file as a whole-document problem', () => {
    expect(errorForText('').message).toContain('(root): expected a mapping of fields (got null)');
  });

  it('says which profiles exist when asked for one that does not', () => {
    expect(() => loadProfile('loop-detektor')).toThrow(
      /CITY_HW_UNKNOWN_PROFILE: no profile "loop-detektor".*expected one of air-quality-station, eastron-sdm630, loop-detector/,
    );
  });

  it('shows paths relative to the working directory so a terminal can open them', () => {
    expect(displayNameOf(join(process.cwd(), 'profiles', 'loop-detector.yaml'))).toBe(
      join('profiles', 'loop-detector.yaml'),
    );
  });
});
