import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED } from './fixtures/paths';
import { readRecordedFile, readRecordedSeries, readRecording } from './formats';
import { RECORDINGS } from './index';

const STADHOUDERSKADE = SHARED.stadhouderskade2017;
const HAARLEMMERWEG = SHARED.haarlemmerweg2017;
const tmp = () => mkdtempSync(join(tmpdir(), 'city-replay-'));

describe('recorded air-quality files', () => {
  it('reads a Luchtmeetnet station export: hour-ending local times become UTC hours', () => {
    const no2 = readRecordedSeries(RECORDINGS.luchtmeetnetVondelpark2017, 'NO2');
    expect(no2.samples).toHaveLength(46);
    expect(no2.gaps).toEqual([]);
    // "2017-04-30, hour 2" is 01:00-02:00 in Amsterdam summer time, 23:00-24:00 UTC the day before.
    expect(no2.samples[0]).toEqual({
      startMs: Date.parse('2017-04-29T23:00:00Z'),
      endMs: Date.parse('2017-04-30T00:00:00Z'),
      value: 17.1,
    });
    // "2017-05-01, hour 0" ends at that local midnight: the hour after 2017-04-30's hour 23.
    const hours = no2.samples.map((s) => new Date(s.startMs).toISOString());
    expect(hours.slice(20, 23)).toEqual([
      '2017-04-30T19:00:00.000Z',
      '2017-04-30T20:00:00.000Z',
      '2017-04-30T21:00:00.000Z',
    ]);
    const names = readRecordedFile(RECORDINGS.luchtmeetnetVondelpark2017)
      .map((s) => s.name)
      .sort();
    expect(names).toEqual(['CO', 'FN', 'NO', 'NO2', 'O3', 'PM10', 'PM25']);
  });

  it.skipIf(!existsSync(HAARLEMMERWEG))('reads the other Date/Hour exports of 2017 in ../shared/data', () => {
    const no2 = readRecordedSeries(HAARLEMMERWEG, 'NO2');
    expect(no2.samples[0]).toEqual({
      startMs: Date.parse('2017-04-29T23:00:00Z'),
      endMs: Date.parse('2017-04-30T00:00:00Z'),
      value: 48.9,
    });
    // Every hour follows the one before: no hour lost or doubled at midnight.
    const steps = no2.samples.slice(1).map((s, i) => s.startMs - (no2.samples[i]?.startMs ?? 0));
    expect(new Set(steps)).toEqual(new Set([3_600_000]));
  });

  it.skipIf(!existsSync(STADHOUDERSKADE))(
    'reads a Luchtmeetnet export with an ISO DateTime column (hour-ending, with its offset)',
    () => {
      const recording = readRecording(STADHOUDERSKADE);
      expect(recording.format).toBe('luchtmeetnet');
      const no2 = recording.series.find((s) => s.name === 'NO2');
      expect(no2?.unit).toBe('µg/m³');
      expect(no2?.samples).toHaveLength(24);
      // "2017-05-01 02:00:00+02:00" ends the hour 01:00-02:00 there: 23:00-24:00 UTC on 30 April.
      expect(no2?.samples[0]).toEqual({
        startMs: Date.parse('2017-04-30T23:00:00Z'),
        endMs: Date.parse('2017-05-01T00:00:00Z'),
        value: 14,
      });
      expect(no2?.samples.at(-1)?.endMs).toBe(Date.parse('2017-05-01T23:00:00Z'));
      expect(recording.series.map((s) => s.name)).toEqual(expect.arrayContaining(['C6H6', 'NO', 'PM10']));
    },
  );

  it.skipIf(!existsSync(STADHOUDERSKADE))(
    'gives the same hours whether a station export names them by DateTime or by Date and Hour',
    () => {
      // The real DateTime rows, rewritten as the Date/Hour form names the same local hours.
      const [, ...rows] = readFileSync(STADHOUDERSKADE, 'utf8').trim().split('\n');
      const asDateAndHour = rows.map((row) => {
        const [dateTime = '', ...rest] = row.split(',');
        const [, date, hour] = /^(\S+) (\d\d):00:00\+02:00$/.exec(dateTime) ?? [];
        return [date, 'Mon', Number(hour), ...rest].join(',');
      });
      const rewritten = join(tmp(), 'stadhouderskade-date-hour.csv');
      writeFileSync(
        rewritten,
        `Date,Day,Hour,Station,lat,long,Pollutant,Concentration,AQI\n${asDateAndHour.join('\n')}\n`,
      );
      expect(readRecordedFile(rewritten)).toEqual(readRecordedFile(STADHOUDERSKADE));
    },
  );

  it('reads an hourly PM2.5 file in UTC', () => {
    const pm25 = readRecordedSeries(RECORDINGS.pm25Vondelpark2023, 'PM25');
    expect(pm25.samples[0]).toEqual({
      startMs: Date.parse('2023-01-01T00:00:00Z'),
      endMs: Date.parse('2023-01-01T01:00:00Z'),
      value: 94.4,
    });
  });

  it('names the file, line and field of what it cannot read, and the series there are', () => {
    const dir = tmp();
    const unknown = join(dir, 'unknown.csv');
    writeFileSync(unknown, 'a,b\n1,2\n');
    expect(() => readRecordedFile(unknown)).toThrow(
      /unknown\.csv.*\(header\): expected the header of an NDW/s,
    );
    const broken = join(dir, 'broken.csv');
    writeFileSync(
      broken,
      'pm25,datetime\n12.5,2023-01-01 00:00:00+00:00\n\nlots,2023-01-01 01:00:00+00:00\n',
    );
    expect(() => readRecordedFile(broken)).toThrow(
      /broken\.csv: pm25: expected a number \(got "lots"\) \[line 4\]/,
    );
    const noOffset = join(dir, 'no-offset.csv');
    writeFileSync(noOffset, 'DateTime,Station,Pollutant,Concentration\n2017-05-01 02:00:00,X,NO2,14\n');
    expect(() => readRecordedFile(noOffset)).toThrow(
      /no-offset\.csv: DateTime: expected a time with its UTC offset, such as 2017-05-01 02:00:00\+02:00 \(got "2017-05-01 02:00:00"\) \[line 2\]/,
    );
    const badHour = join(dir, 'bad-hour.csv');
    writeFileSync(badHour, 'Date,Hour,Station,Pollutant,Concentration\n2017-04-30,25,X,NO2,14\n');
    expect(() => readRecordedFile(badHour)).toThrow(
      /bad-hour\.csv: Hour: expected an hour from 0 to 24 \(got "25"\) \[line 2\]/,
    );
    expect(() => readRecordedSeries(RECORDINGS.pm25Vondelpark2023, 'NO2')).toThrow(
      /no series "NO2"; expected one of PM25/,
    );
  });
});
