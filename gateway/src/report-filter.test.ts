import { type Reading, StatusCode } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { ReportFilter } from './report-filter';

const at = (seconds: number, value: number | null, statusCode: number = StatusCode.Good): Reading => ({
  channelId: 'a/level',
  value,
  statusCode,
  sourceTime: new Date(seconds * 1000),
});

describe('the deadband and heartbeat', () => {
  it('records changes beyond the deadband, a new quality, and an unchanged value once per heartbeat', () => {
    const filter = new ReportFilter(new Map([['a/level', 0.5]]), 10_000);
    const kept = [
      at(0, 1.0), // first
      at(1, 1.2), // within
      at(2, 1.6), // beyond 1.0 ± 0.5
      at(3, 1.7), // within 1.6
      at(4, null, StatusCode.BadTimeout), // quality changed
      at(5, 1.7), // quality back
      at(6, 1.8),
      at(15, 1.8), // heartbeat: 10 s after the last recorded
      at(16, 1.8),
    ].filter((reading) => filter.select([reading]).length === 1);
    expect(kept.map((reading) => reading.sourceTime.getTime() / 1000)).toEqual([0, 2, 4, 5, 15]);
  });

  it('passes every reading of a channel without a deadband', () => {
    const filter = new ReportFilter(new Map([['other/x', 1]]), 10_000);
    expect(filter.select([at(0, 1), at(1, 1), at(2, 1)])).toHaveLength(3);
  });
});
