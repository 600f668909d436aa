import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecordedFile, readRecordedSeries } from './formats';
import { RECORDINGS } from './index';
import { valueAt } from './series';

const HOUR = 3_600_000;

describe('recorded files', () => {
  it('reads a Luchtmeetnet station export: hour-ending local times become UTC hours', () => {
    const no2 = readRecordedSeries(RECORDINGS.luchtmeetnetVondelpark2017, 'NO2');
    expect(no2.samples).toHaveLength(46);
    // "2017-04-30, hour 2" is 01:00-02:00 in Amsterdam summer time, 23:00-24:00 UTC the day before.
    expect(no2.samples[0]).toEqual({
      startMs: Date.parse('2017-04-29T23:00:00Z'),
      endMs: Date.parse('2017-04-30T00:00:00Z'),
      value: 17.1,
    });
    const names = readRecordedFile(RECORDINGS.luchtmeetnetVondelpark2017)
      .map((s) => s.name)
      .sort();
    expect(names).toEqual(['CO', 'FN', 'NO', 'NO2', 'O3', 'PM10', 'PM25']);
  });

  it('reads an NDW hourly export per site and lane, leaving the hours without a value out', () => {
    const all = readRecordedFile(RECORDINGS.ndwA10West2023);
    const flow = all.find((s) => s.name === 'RWS01_MONIBAS_0101hrr0239ra/lane2/flow');
    expect(flow?.unit).toBe('veh/h');
    expect(flow?.samples.every((s) => s.value >= 0 && s.endMs - s.startMs === HOUR)).toBe(true);
    expect(flow?.samples.length).toBeGreaterThan(20);
    expect(all.filter((s) => s.name.endsWith('/speed')).length).toBeGreaterThan(0);
    // The rush hour on the A10 carries more than the night.
    const at = (iso: string) => (flow ? valueAt(flow, Date.parse(iso)) : undefined) ?? 0;
    expect(at('2023-09-18T06:30:00Z')).toBeGreaterThan(3 * at('2023-09-18T02:30:00Z'));
  });

  it('reads an hourly PM2.5 file in UTC', () => {
    const pm25 = readRecordedSeries(RECORDINGS.pm25Vondelpark2023, 'PM25');
    expect(pm25.samples[0]).toEqual({
      startMs: Date.parse('2023-01-01T00:00:00Z'),
      endMs: Date.parse('2023-01-01T01:00:00Z'),
      value: 94.4,
    });
  });

  it('names the file, line and field of what it cannot read, and the series there are', () => {
    const dir = mkdtempSync(join(tmpdir(), 'city-replay-'));
    const unknown = join(dir, 'unknown.csv');
    writeFileSync(unknown, 'a,b\n1,2\n');
    expect(() => readRecordedFile(unknown)).toThrow(
      /unknown\.csv.*\(header\): expected the header of an NDW/s,
    );
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, 'pm25,datetime\n12.5,2023-01-01 00:00:00+00:00\nlots,2023-01-01 01:00:00+00:00\n');
    expect(() => readRecordedFile(broken)).toThrow(/broken\.csv: pm25: expected a number \[line 3\]/);
    expect(() => readRecordedSeries(RECORDINGS.pm25Vondelpark2023, 'NO2')).toThrow(
      /no series "NO2"; expected one of PM25/,
    );
  });
});
