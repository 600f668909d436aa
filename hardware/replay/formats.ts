import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DataFileError } from '../lib/data-file';
import type { RecordedSample, RecordedSeries } from './series';

/**
 * The recorded-data formats the replay reads, told apart by their header:
 * - NDW hourly export (Dexter): id_meetlocatie, start_meetperiode, gem_intensiteit (veh/h), gem_snelheid (km/h, -1 = none), rijstrook_rijbaan;
 * - Luchtmeetnet station export: Date, Hour (1-24, hour-ending, local +02:00 in summer), Station, Pollutant, Concentration;
 * - Luchtmeetnet PM2.5 via Hollandse Luchten: pm25, datetime (UTC, hour-starting).
 */
export type RecordedFormat = 'ndw-hourly' | 'luchtmeetnet' | 'pm25-hourly';

const HOUR = 3_600_000;
type Row = Record<string, string>;

function fail(file: string, line: number, field: string, expected: string): never {
  throw new DataFileError(file, [{ path: field, line, message: `expected ${expected}` }]);
}

export function detectFormat(header: readonly string[]): RecordedFormat | undefined {
  if (header.includes('id_meetlocatie') && header.includes('gem_intensiteit')) return 'ndw-hourly';
  if (header.includes('Pollutant') && header.includes('Concentration')) return 'luchtmeetnet';
  if (header.includes('pm25') && header.includes('datetime')) return 'pm25-hourly';
  return undefined;
}

function collect(series: Map<string, RecordedSeries>, name: string, unit: string, sample: RecordedSample) {
  let entry = series.get(name);
  if (!entry) {
    entry = { name, unit, samples: [] };
    series.set(name, entry);
  }
  entry.samples.push(sample);
}

/** Local wall-clock time in the Netherlands as UTC: +02:00 in summer, +01:00 in winter (EU rules). */
function amsterdamToUtc(date: string, hour: number): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour);
  const lastSunday = (m: number) => {
    const last = new Date(Date.UTC(year, m, 0));
    return Date.UTC(year, m - 1, last.getUTCDate() - last.getUTCDay(), 1);
  };
  const summer = asUtc - HOUR >= lastSunday(3) && asUtc - 2 * HOUR < lastSunday(10);
  return asUtc - (summer ? 2 : 1) * HOUR;
}

/** Reads every series in a recorded file; refuses rows it cannot read, naming file, line and field. */
export function readRecordedFile(file: string): RecordedSeries[] {
  let rows: Row[];
  try {
    rows = parse(readFileSync(file, 'utf8'), {
      columns: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch (error) {
    fail(
      file,
      1,
      '(file)',
      `a CSV file with a header row (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const format = detectFormat(Object.keys(rows[0] ?? {}));
  if (!format) {
    fail(
      file,
      1,
      '(header)',
      'the header of an NDW hourly export, a Luchtmeetnet station export, or a pm25,datetime file',
    );
  }
  const series = new Map<string, RecordedSeries>();
  rows.forEach((row, index) => {
    const line = index + 2;
    const number = (field: string) => {
      const value = Number(row[field]);
      if (row[field] === undefined || row[field] === '' || !Number.isFinite(value))
        fail(file, line, field, 'a number');
      return value;
    };
    const time = (field: string) => {
      const ms = Date.parse((row[field] ?? '').replace(' ', 'T').replace(/(T\d\d:\d\d:\d\d)$/, '$1Z'));
      if (!Number.isFinite(ms)) fail(file, line, field, 'a time such as 2023-09-18 00:00:00');
      return ms;
    };
    if (format === 'ndw-hourly') {
      const site = row.id_meetlocatie ?? '';
      const lane = row.rijstrook_rijbaan ?? '';
      const startMs = time('start_meetperiode');
      const endMs = time('eind_meetperiode');
      // -1 means the loop gave no value that hour (no traffic for speed, or a fault): a gap, not a value.
      const flow = number('gem_intensiteit');
      if (flow >= 0) collect(series, `${site}/${lane}/flow`, 'veh/h', { startMs, endMs, value: flow });
      const speed = number('gem_snelheid');
      if (speed >= 0) collect(series, `${site}/${lane}/speed`, 'km/h', { startMs, endMs, value: speed });
    } else if (format === 'luchtmeetnet') {
      const hour = number('Hour');
      if (!/^\d{4}-\d\d-\d\d$/.test(row.Date ?? '')) fail(file, line, 'Date', 'a date such as 2017-04-30');
      const endMs = amsterdamToUtc(row.Date ?? '', hour);
      collect(series, row.Pollutant ?? '', 'µg/m³', {
        startMs: endMs - HOUR,
        endMs,
        value: number('Concentration'),
      });
    } else {
      const startMs = time('datetime');
      collect(series, 'PM25', 'µg/m³', { startMs, endMs: startMs + HOUR, value: number('pm25') });
    }
  });
  for (const entry of series.values()) entry.samples.sort((a, b) => a.startMs - b.startMs);
  return [...series.values()];
}

/** One series of a file by name, with the names there are when it is not found. */
export function readRecordedSeries(file: string, name: string): RecordedSeries {
  const all = readRecordedFile(file);
  const found = all.find((series) => series.name === name);
  if (!found) {
    throw new DataFileError(file, [
      {
        path: '(series)',
        line: 1,
        message: `has no series "${name}"; expected one of ${all.map((s) => s.name).join(', ')}`,
      },
    ]);
  }
  return found;
}
