import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXCLUDED_LANE_HOUR, SHARED } from './fixtures/paths';
import { readRecordedFile, readRecording } from './formats';
import { summariseGaps } from './gaps';
import { RECORDINGS } from './index';
import { valueAt } from './series';

const HOUR = 3_600_000;
const NDW_2023 = SHARED.ndw2023;
const EXCLUDED = EXCLUDED_LANE_HOUR;
const LANE2 = 'RWS01_MONIBAS_0101hrr0239ra/lane2';
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The fixture with its rows edited, written beside it in a temporary folder. */
function editedFixture(edit: (lines: string[]) => string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'city-ndw-')), 'ndw.csv');
  writeFileSync(file, `${edit(readFileSync(EXCLUDED, 'utf8').trim().split('\n')).join('\n')}\n`);
  return file;
}

describe('NDW hourly exports', () => {
  it('reads each site and lane in local Dutch time: 08:00 in September is 06:00 UTC', () => {
    const all = readRecordedFile(RECORDINGS.ndwA10West2023);
    const flow = all.find((s) => s.name === 'RWS01_MONIBAS_0101hrr0239ra/lane2/flow');
    expect(flow?.unit).toBe('veh/h');
    expect(flow?.per).toBe('lane');
    expect(flow?.samples).toHaveLength(24);
    expect(flow?.samples[0]).toEqual({
      startMs: Date.parse('2023-09-17T22:00:00Z'),
      endMs: Date.parse('2023-09-17T23:00:00Z'),
      value: 83,
    });
    // The morning rush (08-09 h local) carries more than the night (04-05 h local).
    const at = (time: string) => (flow ? valueAt(flow, Date.parse(time)) : undefined) ?? 0;
    expect(at('2023-09-18T06:30:00Z')).toBeGreaterThan(3 * at('2023-09-18T02:30:00Z'));
  });

  it.skipIf(!existsSync(NDW_2023))(
    'counts the lane-hours a real week has no data for: a whole site marked -1, and speeds without traffic',
    () => {
      const { series } = readRecording(NDW_2023);
      const flows = series.filter((s) => s.name.endsWith('/flow'));
      // hrl0239ra answered nothing that week: 4 lanes x 168 h of -1.
      expect(summariseGaps(flows).text).toBe('672 lane-hours without data (672 marked -1)');
      const dead = flows.filter((s) => s.name.startsWith('RWS01_MONIBAS_0101hrl0239ra/'));
      expect(dead.map((s) => [s.samples.length, s.gaps.length])).toEqual([
        [0, 168],
        [0, 168],
        [0, 168],
        [0, 168],
      ]);
      const speeds = summariseGaps(series.filter((s) => s.name.endsWith('/speed')));
      expect(speeds.hoursWithoutData).toBe(1363);
      // The week is the local week: Monday 00:00 in Amsterdam is Sunday 22:00 UTC.
      const first = flows.find((s) => s.name === 'RWS01_MONIBAS_0101hrl0033ra/lane2/flow');
      expect(iso(first?.samples[0]?.startMs)).toBe('2023-09-17T22:00:00.000Z');
      expect(iso(first?.samples.at(-1)?.endMs)).toBe('2023-09-24T22:00:00.000Z');
    },
  );

  it('takes a lane-hour NDW marks as technically excluded ("i,v", no values) as a gap, not a stop', () => {
    const { series } = readRecording(EXCLUDED);
    const flow = series.find((s) => s.name === `${LANE2}/flow`);
    const speed = series.find((s) => s.name === `${LANE2}/speed`);
    const excludedHour = {
      startMs: Date.parse('2023-09-18T06:00:00Z'),
      endMs: Date.parse('2023-09-18T07:00:00Z'),
    };
    expect(flow?.gaps).toEqual([{ ...excludedHour, reason: 'excluded' }]);
    expect(speed?.gaps).toEqual([{ ...excludedHour, reason: 'excluded' }]);
    expect(flow?.samples.map((s) => s.value)).toEqual([1419, 1301]);
    expect(flow && valueAt(flow, excludedHour.startMs + HOUR / 2)).toBeUndefined();
    expect(summariseGaps(series.filter((s) => s.name.endsWith('/flow'))).text).toBe(
      '1 lane-hour without data (1 technically excluded)',
    );
  });

  it('excludes only what the mark names, and takes an empty value as a gap of its own', () => {
    const onlySpeed = editedFixture((lines) =>
      lines.map((line) => line.replace(',,,,lane2,anyVehicle,"i,v",', ',1388.0,,-1.0,lane2,anyVehicle,v,')),
    );
    const series = readRecordedFile(onlySpeed);
    expect(series.find((s) => s.name === `${LANE2}/flow`)?.samples.map((s) => s.value)).toEqual([
      1419, 1388, 1301,
    ]);
    expect(series.find((s) => s.name === `${LANE2}/speed`)?.gaps.map((g) => g.reason)).toEqual(['excluded']);

    const emptyOnly = editedFixture((lines) => lines.map((line) => line.replace('"i,v"', '')));
    const gaps = summariseGaps(readRecordedFile(emptyOnly).filter((s) => s.name.startsWith(LANE2)));
    // Flow and speed of one lane-hour are one lane-hour without data.
    expect(gaps.text).toBe('1 lane-hour without data (1 empty)');
  });

  it('still refuses a truly malformed row, naming the file, the line and the field', () => {
    const badFlow = editedFixture((lines) =>
      lines.map((line, i) => (i === 3 ? line.replace('1417.0', '14x7') : line)),
    );
    expect(() => readRecordedFile(badFlow)).toThrow(
      /ndw\.csv: gem_intensiteit: expected a number \(got "14x7"\) \[line 4\]/,
    );
    const negative = editedFixture((lines) =>
      lines.map((line, i) => (i === 2 ? line.replace('1419.0', '-7') : line)),
    );
    expect(() => readRecordedFile(negative)).toThrow(
      /gem_intensiteit: expected a value of 0 or more, -1 \(no data\) or nothing \(got -7\) \[line 3\]/,
    );
    const badTime = editedFixture((lines) =>
      lines.map((line, i) => (i === 5 ? line.replace('2023-09-18 08:00:00,', '18-09-2023 08:00,') : line)),
    );
    expect(() => readRecordedFile(badTime)).toThrow(
      /start_meetperiode: expected a local time such as 2023-09-18 14:00:00 \(got "18-09-2023 08:00"\) \[line 6\]/,
    );
    const noLane = editedFixture((lines) =>
      lines.map((line, i) => (i === 8 ? line.replace(',lane4,', ',,') : line)),
    );
    expect(() => readRecordedFile(noLane)).toThrow(/rijstrook_rijbaan: expected a value .*\[line 9\]/);
  });

  describe('across the daylight-saving changes (real rows, dated to the last Sundays of March and October)', () => {
    /** Lane 1's 07 h row of the fixture, moved to other local periods. */
    const lane1At = (periods: [string, string][]) =>
      editedFixture(([header = '', lane1 = '']) => [
        header,
        ...periods.map(([start, end]) =>
          lane1.replace('2023-09-18 07:00:00,2023-09-18 08:00:00', `${start},${end}`),
        ),
      ]);
    const hoursOf = (file: string) =>
      readRecordedFile(file)
        .find((s) => s.name === 'RWS01_MONIBAS_0101hrr0239ra/lane1/flow')
        ?.samples.map((s) => `${iso(s.startMs)?.slice(11, 16)}-${iso(s.endMs)?.slice(11, 16)}`);

    it('in October the repeated 02:00 hour is listed twice and becomes two consecutive UTC hours', () => {
      const october = lane1At([
        ['2023-10-29 01:00:00', '2023-10-29 02:00:00'],
        ['2023-10-29 02:00:00', '2023-10-29 03:00:00'],
        ['2023-10-29 02:00:00', '2023-10-29 03:00:00'],
        ['2023-10-29 03:00:00', '2023-10-29 04:00:00'],
      ]);
      expect(hoursOf(october)).toEqual(['23:00-00:00', '00:00-01:00', '01:00-02:00', '02:00-03:00']);
    });

    it('in March the day has 23 hours: the hour from 01:00 ends at 03:00 local time', () => {
      const march = lane1At([
        ['2023-03-26 00:00:00', '2023-03-26 01:00:00'],
        ['2023-03-26 01:00:00', '2023-03-26 03:00:00'],
        ['2023-03-26 03:00:00', '2023-03-26 04:00:00'],
      ]);
      expect(hoursOf(march)).toEqual(['23:00-00:00', '00:00-01:00', '01:00-02:00']);
      const skipped = lane1At([['2023-03-26 02:00:00', '2023-03-26 03:00:00']]);
      expect(() => readRecordedFile(skipped)).toThrow(
        /start_meetperiode: expected a local Dutch time; 2023-03-26 02:00:00 does not exist \(the clocks skip that hour\) \[line 2\]/,
      );
    });
  });
});
