import { describe, expect, it } from 'vitest';
import { alarmOf } from './alarm-fixtures';
import { countByPriority, newestUnacknowledged } from './alarm-summary';

describe('the alarm banner summary', () => {
  const a = (id: string, more: Parameters<typeof alarmOf>[0] extends infer T ? Partial<T> : never) =>
    alarmOf({ id, channelId: `${id}/level`, ...more });

  it('counts the standing alarms of each priority, not the shelved, suppressed or out of service', () => {
    const alarms = [
      a('a', { priority: 1 }),
      a('b', { priority: 1, acknowledged: true }),
      a('c', { priority: 2, active: false }), // returned unacknowledged
      a('d', { priority: 2, shelveKind: 'timed' }),
      a('e', { priority: 3, suppressedBy: 'gw/comms' }),
      a('f', { priority: 4, outOfServiceReason: 'repair' }),
      a('g', { priority: 4, active: false, acknowledged: true }), // normal
    ];
    expect(countByPriority(alarms)).toEqual({ 1: 2, 2: 1, 3: 0, 4: 0 });
  });

  it('shows the unacknowledged alarm that activated last', () => {
    const alarms = [
      a('old', { activatedAt: 100, priority: 1 }),
      a('new', { activatedAt: 300, priority: 4 }),
      a('acked', { activatedAt: 500, acknowledged: true }),
      a('shelved', { activatedAt: 600, shelveKind: 'one-shot' }),
    ];
    expect(newestUnacknowledged(alarms)?.id).toBe('new');
    expect(newestUnacknowledged([alarms[2] as never])).toBeNull();
  });
});
