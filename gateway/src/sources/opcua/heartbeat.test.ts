import { StatusCode } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { UnchangedRepeater } from './heartbeat';

const reading = (channelId: string, value: number, timeMs: number) => ({
  channelId,
  value,
  statusCode: StatusCode.Good,
  sourceTime: new Date(timeMs),
});

describe('UnchangedRepeater', () => {
  it('repeats a value that held still for the heartbeat, stamped now, and not before', () => {
    const repeater = new UnchangedRepeater(20_000);
    repeater.fromServer(reading('rain/intensity', 0, 1_000), 1_000);
    expect(repeater.due(['rain/intensity'], 20_999)).toEqual([]);
    expect(repeater.due(['rain/intensity'], 21_000)).toEqual([reading('rain/intensity', 0, 21_000)]);
    // The next one is due a heartbeat after the repeat, not after the original.
    expect(repeater.due(['rain/intensity'], 40_999)).toEqual([]);
    expect(repeater.due(['rain/intensity'], 41_000)).toHaveLength(1);
  });

  it('restarts the wait on every value from the server, and asks only about the channels named', () => {
    const repeater = new UnchangedRepeater(20_000);
    repeater.fromServer(reading('a', 1, 0), 0);
    repeater.fromServer(reading('b', 2, 0), 0);
    repeater.fromServer(reading('a', 3, 15_000), 15_000);
    expect(repeater.due(['a', 'b'], 20_000).map((r) => [r.channelId, r.value])).toEqual([['b', 2]]);
    expect(repeater.due(['a'], 35_000).map((r) => r.value)).toEqual([3]);
  });

  it('never repeats across a gap, and never reuses the time of the value it repeats', () => {
    const repeater = new UnchangedRepeater(1_000);
    repeater.fromServer(reading('a', 1, 0), 0);
    repeater.forget('a');
    expect(repeater.due(['a'], 5_000)).toEqual([]);
    // A source clock 30 s ahead (within the allowed skew): the repeat comes just after it.
    repeater.fromServer(reading('a', 1, 35_000), 5_000);
    expect(repeater.due(['a'], 6_000)[0]?.sourceTime.getTime()).toBe(35_001);
  });
});
