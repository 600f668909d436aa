import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFileError } from '../lib/data-file';
import { acceptsWrite, enumValueName, enumValueOf, setBitNames, wordWithBits } from './labels';
import { findPoint, loadProfile, loadProfileFile } from './loader';

const dir = mkdtempSync(join(tmpdir(), 'labels-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A one-point profile with the given point fields, loaded from disk like any other. */
function load(point: string): ReturnType<typeof loadProfileFile> {
  const file = join(dir, 'pump-panel.yaml');
  writeFileSync(
    file,
    `model: pump-panel\ntitle: Pump panel\nvendor: test\nassetKind: pumping-station\npoints:\n  - name: word\n    label: Word\n    metric: word\n    unit: ""\n    table: input-register\n    address: 0\n    displayRange: [0, 65535]\n${point}`,
  );
  return loadProfileFile(file);
}

function problems(point: string): string[] {
  try {
    load(point);
  } catch (error) {
    if (error instanceof DataFileError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error('expected the profile to be rejected');
}

describe('bitfield and enum points', () => {
  it('reads the names of a bitfield and an enum from the profile', () => {
    const bits = findPoint(
      load('    type: bitfield\n    bits: {0: pump1_fault, 1: overflow, 15: door_open}\n'),
      'word',
    );
    expect(bits.bits).toEqual({ 0: 'pump1_fault', 1: 'overflow', 15: 'door_open' });
    expect(setBitNames(bits, 0b11)).toEqual(['pump1_fault', 'overflow']);
    expect(setBitNames(bits, 0x8004)).toEqual(['bit2', 'door_open']);
    expect(wordWithBits(bits, ['overflow', 'door_open', 'not_a_bit'])).toBe(0x8002);
    const mode = findPoint(load('    type: enum\n    values: {0: off, 1: auto, 2: manual}\n'), 'word');
    expect(enumValueName(mode, 2)).toBe('manual');
    expect(enumValueName(mode, 7)).toBeUndefined();
    expect(enumValueOf(mode, 'auto')).toBe(1);
    expect(() => enumValueOf(mode, 'hand')).toThrow(
      /no value named "hand"; expected one of off, auto, manual/,
    );
  });

  it('says what a bitfield or enum is missing, and refuses names on other types', () => {
    expect(problems('    type: bitfield\n')).toEqual([
      'points[0].bits: required for a bitfield: name what it means, e.g. bits: {0: pump1_fault, 1: overflow}',
    ]);
    expect(problems('    type: enum\n    values: {}\n')).toEqual([
      'points[0].values: required for a enum: name what it means, e.g. values: {0: off, 1: auto, 2: manual}',
    ]);
    expect(problems('    type: uint16\n    bits: {0: fault}\n')).toEqual([
      'points[0].bits: only a bitfield point takes bits; remove it or set type: bitfield',
    ]);
  });

  it('checks bit numbers, unique names, raw words and initial values', () => {
    expect(
      problems('    type: bitfield\n    bits: {0: fault, 16: overflow, 3: fault}\n    scale: 0.1\n'),
    ).toEqual(
      expect.arrayContaining([
        'points[0].bits.16: expected a whole number 0..15 as the key (got "16")',
        'points[0].bits.3: "fault" already names 0; each name is unique',
        'points[0].scale: a bitfield is a raw word; remove scale and offset',
      ]),
    );
    expect(problems('    type: enum\n    values: {0: off, 1: Auto}\n')).toEqual([
      'points[0].values.1: use lower-case letters, digits and underscores, e.g. "pump1_fault" (got "Auto")',
    ]);
    expect(problems('    type: enum\n    values: {0: off, 1: auto}\n    initial: 2\n')).toEqual([
      'points[0].initial: expected one of the listed values 0, 1',
    ]);
  });

  it('lets a master write an enum only to a value it lists, within the write range', () => {
    const control = findPoint(loadProfile('street-light-segment'), 'control_mode');
    expect(acceptsWrite(control, 0)).toBe(true);
    expect(acceptsWrite(control, 1)).toBe(true);
    expect(acceptsWrite(control, 2)).toBe(false);
    const dim = findPoint(loadProfile('street-light-segment'), 'dim_level');
    expect(acceptsWrite(dim, 100)).toBe(true);
    expect(acceptsWrite(dim, 101)).toBe(false);
    expect(acceptsWrite(findPoint(loadProfile('street-light-segment'), 'lamp_power'), 5)).toBe(false);
  });
});
