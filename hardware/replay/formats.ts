import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DataFileError } from '../lib/data-file';
import { readLuchtmeetnetRow, readPm25Row } from './air';
import { readNdwRow } from './ndw';
import { fail, RepeatedHours, type Row, SeriesCollector } from './rows';
import type { RecordedSeries } from './series';

/**
 * The recorded-data formats the replay reads, told apart by their header:
 * - NDW hourly export (Dexter): id_meetlocatie, start_meetperiode, gem_intensiteit (veh/h), gem_snelheid
 *   (km/h, -1 = none), rijstrook_rijbaan, technical_exclusion; periods in local Dutch time;
 * - Luchtmeetnet station export: Station, Pollutant, Concentration, and either Date + Hour (0-23,
 *   hour-ending, local Dutch time) or DateTime (hour-ending, with its UTC offset);
 * - Luchtmeetnet PM2.5 via Hollandse Luchten: pm25, datetime (UTC, hour-starting).
 * Every sample covers the hour it was measured over, in UTC; a Luchtmeetnet value stands for the
 * hour before its timestamp, an NDW or PM2.5 value for the hour from its timestamp.
 */
export type RecordedFormat = 'ndw-hourly' | 'luchtmeetnet' | 'pm25-hourly';

export interface RecordedFile {
  format: RecordedFormat;
  series: RecordedSeries[];
}

export function detectFormat(header: readonly string[]): RecordedFormat | undefined {
  if (header.includes('id_meetlocatie') && header.includes('gem_intensiteit')) return 'ndw-hourly';
  if (header.includes('Pollutant') && header.includes('Concentration')) return 'luchtmeetnet';
  if (header.includes('pm25') && header.includes('datetime')) return 'pm25-hourly';
  return undefined;
}

function parseRows(file: string): { record: Row; info: { lines: number } }[] {
  try {
    return parse(readFileSync(file, 'utf8'), {
      columns: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    fail({ file, line: 1 }, '(file)', `a CSV file with a header row (${reason})`);
  }
}

/**
 * Reads every series in a recorded file. Hours the file marks as without data become gaps; a row it
 * cannot read stops the reading, naming file, line and field.
 */
export function readRecording(file: string): RecordedFile {
  const rows = parseRows(file);
  const format = detectFormat(Object.keys(rows[0]?.record ?? {}));
  if (!format) {
    fail(
      { file, line: 1 },
      '(header)',
      'the header of an NDW hourly export, a Luchtmeetnet station export, or a pm25,datetime file',
    );
  }
  const into = new SeriesCollector(format === 'ndw-hourly' ? 'lane' : 'station');
  const repeated = new RepeatedHours();
  for (const { record: row, info } of rows) {
    const at = { file, line: info.lines, row };
    if (format === 'ndw-hourly') readNdwRow(at, into, repeated);
    else if (format === 'luchtmeetnet') readLuchtmeetnetRow(at, into, repeated);
    else readPm25Row(at, into);
  }
  return { format, series: into.series() };
}

/** Every series in a recorded file (see readRecording). */
export function readRecordedFile(file: string): RecordedSeries[] {
  return readRecording(file).series;
}

/** One series of a recording by name, with the names there are when it is not found. */
export function seriesOf(recording: RecordedFile, file: string, name: string): RecordedSeries {
  const found = recording.series.find((series) => series.name === name);
  if (!found) {
    throw new DataFileError(file, [
      {
        path: '(series)',
        line: 1,
        message: `has no series "${name}"; expected one of ${recording.series.map((s) => s.name).join(', ')}`,
      },
    ]);
  }
  return found;
}

/** One series of a file by name, with the names there are when it is not found. */
export function readRecordedSeries(file: string, name: string): RecordedSeries {
  return seriesOf(readRecording(file), file, name);
}
