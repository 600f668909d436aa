import {
  type AlarmRule,
  type AlarmRuleInput,
  AlarmRuleSchema,
  renderAlarmMessage,
  StatusCode,
} from '@city/domain';
import { describe, expect, it } from 'vitest';
import { AlarmActionError, AlarmInstance } from './alarm-instance';

const T0 = Date.UTC(2026, 10, 29, 8);
const s = (seconds: number) => T0 + seconds * 1000;
const subject = {
  asset: 'Vondelpark',
  assetId: 'aq-vondelpark',
  channel: 'NO₂',
  metric: 'no2',
  unit: 'µg/m³',
};

function rule(overrides: Partial<AlarmRuleInput> = {}): AlarmRule {
  return AlarmRuleSchema.parse({
    id: 'no2-high',
    name: 'NO₂ high',
    kind: 'high',
    target: { channelId: 'aq-vondelpark/no2' },
    limit: 200,
    priority: 2,
    message: '{asset} {channel} {value} {unit} above {limit}',
    ...overrides,
  });
}

function alarm(overrides: Partial<AlarmRuleInput> = {}) {
  return new AlarmInstance(rule(overrides), 'aq-vondelpark/no2', subject, T0);
}

const good = (value: number, seconds: number) => ({
  value,
  statusCode: StatusCode.Good,
  sourceTime: s(seconds),
});
const events = (happened: readonly { event: string }[]) => happened.map((h) => h.event);

/** Feeds samples, one per second, returning every event that happened. */
function feed(instance: AlarmInstance, values: readonly number[], startSecond = 0) {
  return values.flatMap((value, i) => instance.onSample(good(value, startSecond + i), false));
}

describe('an alarm on a channel', () => {
  it('activates only after its on-delay of continuous excursion, by source time', () => {
    const instance = alarm({ onDelayMs: 60_000 });
    expect(feed(instance, [250, 250, 150])).toEqual([]); // a short excursion: nothing
    const happened = feed(
      instance,
      Array.from({ length: 61 }, () => 250),
      10,
    );
    expect(events(happened)).toEqual(['activated']);
    expect(happened[0]?.at).toBe(s(70));
    expect(instance.state).toBe('unacknowledged');
    // A key and numbers, worded only where it is shown, in the reader's language.
    const { message } = instance.view();
    expect(message).toEqual({
      key: 'alarm.high',
      params: { ruleId: 'no2-high', ...subject, value: 250, limit: 200 },
    });
    expect(renderAlarmMessage(message, '{asset} {channel} {value} {unit} above {limit}', 'en')).toBe(
      'Vondelpark NO₂ 250 µg/m³ above 200',
    );
  });

  it('activated by the clock when its on-delay runs out, it carries the value that was held, not an older one', () => {
    const instance = alarm({ onDelayMs: 60_000 });
    feed(instance, [120]); // normal before the excursion
    feed(instance, [260, 270], 1); // over the limit from 1 s on; no sample comes at 61 s
    const happened = instance.tick(s(61.5));
    expect(events(happened)).toEqual(['activated']);
    expect(happened[0]?.value).toBe(270);
    expect(instance.view().message.params.value).toBe(270);
  });

  it('waits on the clock only while a delay, a timed shelve or no-data can change it, so the tick skips the rest', () => {
    const instance = alarm({ onDelayMs: 60_000, offDelayMs: 30_000 });
    expect(instance.waitsOnClock).toBe(false); // at rest: only a reading can change it
    feed(instance, [250]);
    expect(instance.waitsOnClock).toBe(true); // on-delay running
    feed(
      instance,
      Array.from({ length: 61 }, () => 250),
      1,
    );
    expect(instance.state).toBe('unacknowledged');
    expect(instance.waitsOnClock).toBe(false); // active and holding
    feed(instance, [100], 70);
    expect(instance.waitsOnClock).toBe(true); // off-delay running
    expect(events(instance.tick(s(101)))).toEqual(['cleared']);
    expect(instance.waitsOnClock).toBe(false);
    instance.shelve('timed', s(200), 'crew-7', 'lamp post replaced', s(110));
    expect(instance.waitsOnClock).toBe(true);
    expect(alarm({ kind: 'no-data', limit: 60 }).waitsOnClock).toBe(true);
  });

  it('activates from the clock when the readings stop coming mid-delay', () => {
    const instance = alarm({ onDelayMs: 60_000 });
    feed(instance, [250, 250, 250]);
    expect(instance.tick(s(59))).toEqual([]);
    const happened = instance.tick(s(65));
    expect(events(happened)).toEqual(['activated']);
    expect(happened[0]?.at).toBe(s(60));
  });

  it('makes one alarm of a signal chattering around its limit, thanks to the deadband', () => {
    const instance = alarm({ limit: 100, deadband: 5 });
    const happened = feed(instance, [99, 101, 99.5, 100.5, 98, 102, 96, 101, 94, 99, 101]);
    expect(events(happened)).toEqual(['activated', 'cleared', 'activated']);
    // Without the deadband the same signal would have made five excursions.
    expect(
      events(feed(alarm({ limit: 100 }), [99, 101, 99.5, 100.5, 98, 102, 96, 101, 94, 99, 101])),
    ).toHaveLength(9);
  });

  it('holds off clearing for its off-delay', () => {
    const instance = alarm({ offDelayMs: 30_000 });
    feed(instance, [250]);
    expect(
      events(
        feed(
          instance,
          Array.from({ length: 30 }, () => 150),
          1,
        ),
      ),
    ).toEqual([]);
    expect(events(feed(instance, [150], 31))).toEqual(['cleared']);
  });

  it('walks the ISA-18.2 states: acknowledged while active, or returned unacknowledged', () => {
    const instance = alarm();
    feed(instance, [250]);
    expect(() => instance.acknowledge('anna', ' ', s(2))).toThrow(/needs a note/);
    expect(events(instance.acknowledge('anna', 'crew sent', s(2)))).toEqual(['acknowledged']);
    expect(instance.state).toBe('acknowledged');
    expect(() => instance.acknowledge('anna', 'again', s(3))).toThrow(AlarmActionError);
    feed(instance, [150], 4);
    expect(instance.state).toBe('normal');

    feed(instance, [250, 150], 10);
    expect(instance.state).toBe('returned-unacknowledged');
    instance.acknowledge('bob', 'seen, back to normal', s(12));
    expect(instance.state).toBe('normal');
  });

  it('unshelves by itself when a timed shelve runs out, and a one-shot shelve when it clears', () => {
    const instance = alarm();
    feed(instance, [250]);
    expect(() => instance.shelve('timed', s(10 * 3600), 'anna', 'storm', s(1))).toThrow(/within 8 h/);
    instance.shelve('timed', s(3600), 'anna', 'sensor being cleaned', s(1));
    expect(instance.state).toBe('shelved');
    expect(instance.tick(s(3599))).toEqual([]);
    const expired = instance.tick(s(3600));
    expect(expired).toMatchObject([{ event: 'unshelved', actor: 'system' }]);
    expect(instance.state).toBe('unacknowledged');

    instance.shelve('one-shot', null, 'anna', 'known', s(3601));
    const cleared = feed(instance, [150], 3602);
    expect(events(cleared)).toEqual(['cleared', 'unshelved']);
    // Each carries the alarm as it stood right after it: still shelved when it cleared, then not.
    expect(cleared.map((h) => [h.after.active, h.after.shelveKind])).toEqual([
      [false, 'one-shot'],
      [false, null],
    ]);
  });

  it('records a late reading as historical, once per excursion, and never raises it', () => {
    const instance = alarm();
    feed(instance, [150], 100);
    const late = [250, 260, 150, 270].flatMap((value, i) => instance.onSample(good(value, 10 + i), true));
    expect(events(late)).toEqual(['historical', 'historical']);
    expect(instance.state).toBe('normal');
    // An out-of-order reading is historical even when not flagged late.
    expect(events(instance.onSample(good(300, 50), false))).toEqual([]);
    expect(instance.state).toBe('normal');
  });

  it('raises no-data when a channel stays silent, and clears on the next reading', () => {
    const instance = alarm({ kind: 'no-data', limit: 60 });
    feed(instance, [10]);
    expect(instance.tick(s(60))).toEqual([]);
    const silent = instance.tick(s(61));
    expect(events(silent)).toEqual(['activated']);
    expect(silent[0]?.at).toBe(s(60));
    // A bad reading is no data.
    instance.onSample({ value: null, statusCode: StatusCode.BadNoCommunication, sourceTime: s(70) }, false);
    expect(instance.state).toBe('unacknowledged');
    expect(events(feed(instance, [11], 80))).toEqual(['cleared']);
  });

  it('raises a rate of change per minute', () => {
    const instance = alarm({ kind: 'rate-of-change', limit: 30 });
    expect(events(feed(instance, [100, 100.2, 100.4]))).toEqual([]);
    expect(events(feed(instance, [101.5], 3))).toEqual(['activated']); // 1.1 in one second = 66/min
  });

  it('ignores bad readings for thresholds, and is suppressed and out of service on demand', () => {
    const instance = alarm();
    instance.onSample({ value: 999, statusCode: StatusCode.BadSensorFailure, sourceTime: s(1) }, false);
    expect(instance.state).toBe('normal');
    instance.suppress('comms@gw-cab-vondelpark', s(2));
    feed(instance, [250], 3);
    expect(instance.state).toBe('suppressed');
    expect(events(instance.suppress(null, s(4)))).toEqual(['unsuppressed']);
    expect(instance.state).toBe('unacknowledged');
    expect(() => instance.removeFromService('', 'anna', s(5))).toThrow(/needs a reason/);
    instance.removeFromService('analyser swapped', 'anna', s(5));
    expect(instance.state).toBe('out-of-service');
  });

  it('comes back from its saved state after a restart and clears only when readings say so', () => {
    const first = alarm();
    feed(first, [250]);
    const restarted = new AlarmInstance(rule(), 'aq-vondelpark/no2', subject, s(100), { ...first.record });
    expect(restarted.state).toBe('unacknowledged');
    expect(feed(restarted, [240], 101)).toEqual([]);
    expect(events(feed(restarted, [150], 102))).toEqual(['cleared']);
  });
});
