import { type AlarmRuleInput, AlarmRuleSchema, StatusCode } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { AlarmInstance } from './alarm-instance';
import { ChannelAlarms } from './channel-alarms';

const T0 = Date.UTC(2026, 11, 2, 8);
const subject = {
  asset: 'Gemaal Zeeburg',
  assetId: 'pump-zeeburg',
  channel: 'wet well',
  metric: 'level',
  unit: '%',
};

function alarm(overrides: Partial<AlarmRuleInput>) {
  const rule = AlarmRuleSchema.parse({
    id: 'well-high',
    name: 'wet well high',
    kind: 'high',
    target: { channelId: 'pump-zeeburg/level' },
    limit: 80,
    priority: 2,
    message: '{asset} {channel} {value}',
    ...overrides,
  });
  return new AlarmInstance(rule, 'pump-zeeburg/level', subject, T0);
}

const good = (value: number, second: number) => ({
  value,
  statusCode: StatusCode.Good,
  sourceTime: T0 + second * 1000,
});

describe("a channel's calm band", () => {
  it('lets readings between the low and the high limit pass every alarm of the channel by', () => {
    const high = alarm({ id: 'well-high', kind: 'high', limit: 80 });
    const low = alarm({ id: 'well-low', kind: 'low', limit: 10 });
    const channel = new ChannelAlarms([high, low], undefined);
    expect(channel.isCalm(50, StatusCode.Good)).toBe(true);
    expect(channel.isCalm(80, StatusCode.Good)).toBe(true); // on the limit is not above it
    expect(channel.isCalm(10, StatusCode.Good)).toBe(true);
    expect(channel.isCalm(80.1, StatusCode.Good)).toBe(false);
    expect(channel.isCalm(9.9, StatusCode.Good)).toBe(false);
    // A bad or empty reading moves no limit alarm.
    expect(channel.isCalm(500, StatusCode.Bad)).toBe(true);
    expect(channel.isCalm(null, StatusCode.Good)).toBe(true);
  });

  it('is gone while an alarm holds or is active, and back once it has cleared', () => {
    const high = alarm({ kind: 'high', limit: 80, deadband: 5, offDelayMs: 0 });
    const channel = new ChannelAlarms([high], undefined);
    expect(high.onSample(good(90, 0), false).map((h) => h.event)).toEqual(['activated']);
    channel.settle();
    // Inside the deadband the alarm still needs each reading to know when it clears.
    expect(channel.isCalm(78, StatusCode.Good)).toBe(false);
    expect(channel.isCalm(40, StatusCode.Good)).toBe(false);
    expect(high.onSample(good(70, 1), false).map((h) => h.event)).toEqual(['cleared']);
    channel.settle();
    expect(channel.isCalm(40, StatusCode.Good)).toBe(true);
  });

  it('never exists for rate of change or no-data, which every reading moves', () => {
    for (const kind of ['rate-of-change', 'no-data'] as const) {
      const channel = new ChannelAlarms([alarm({ kind, limit: 60 })], undefined);
      expect(channel.isCalm(50, StatusCode.Good), kind).toBe(false);
    }
  });

  it('is empty when the limits leave no value that satisfies them all', () => {
    const high = alarm({ id: 'well-high', kind: 'high', limit: 10 });
    const low = alarm({ id: 'well-low', kind: 'low', limit: 80 });
    expect(new ChannelAlarms([high, low], undefined).isCalm(50, StatusCode.Good)).toBe(false);
  });
});
