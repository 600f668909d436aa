import { type AlarmRuleInput, AlarmRuleSchema, type Asset, type Channel, StatusCode } from '@city/domain';
import { describe, expect, it } from 'vitest';
import type { Sample } from './condition';
import { replayRule, targetedChannels } from './replay';

const MINUTE = 60_000;
const FROM = Date.UTC(2025, 2, 3, 0, 0);
const TO = FROM + 24 * 60 * MINUTE;

const asset = (id: string, kind: Asset['kind']): Asset => ({
  id,
  kind,
  layer: kind === 'pumping-station' ? 'sewer' : 'air',
  name: id,
  geometry: { type: 'Point', coordinates: [4.9, 52.37] },
  district: 'Oost',
  properties: {},
});
const channel = (assetId: string, metric: string): Channel => ({
  id: `${assetId}/${metric}`,
  assetId,
  metric,
  name: metric,
  unit: 'µg/m³',
  displayRange: [0, 400],
  writable: false,
  source: null,
});
const city = {
  assets: [
    asset('aq-oost', 'air-quality-station'),
    asset('aq-west', 'air-quality-station'),
    asset('ps-zeeburg', 'pumping-station'),
  ],
  channels: [
    channel('aq-oost', 'no2'),
    channel('aq-west', 'no2'),
    channel('aq-oost', 'pm10'),
    channel('ps-zeeburg', 'level'),
  ],
};

const rule = (changes: Partial<AlarmRuleInput>) =>
  AlarmRuleSchema.parse({
    id: 'no2-high',
    name: 'NO₂ high',
    kind: 'high',
    target: { channelId: 'aq-oost/no2' },
    limit: 200,
    priority: 2,
    message: '{asset} NO₂ {value} {unit}',
    ...changes,
  });

/** One reading a minute from FROM, the value at minute m given by `at(m)`. */
const minutely = (minutes: number, at: (minute: number) => number | null): Sample[] =>
  Array.from({ length: minutes }, (_, m) => ({
    value: at(m),
    statusCode: StatusCode.Good,
    sourceTime: FROM + m * MINUTE,
  }));

/** NO₂ at 150 all day but for three excursions to 260: 10 min from 06:00, 20 min from 12:00, 5 min from 18:00. */
const excursions: [number, number][] = [
  [360, 10],
  [720, 20],
  [1080, 5],
];
const threeExcursions = minutely(24 * 60, (m) =>
  excursions.some(([s, l]) => m >= s && m < s + l) ? 260 : 150,
);

const replay = (changes: Partial<AlarmRuleInput>, samples: Sample[], channelId = 'aq-oost/no2') =>
  replayRule(rule(changes), city, new Map([[channelId, samples]]), { from: FROM, to: TO });

describe('replaying a drafted rule over a day of readings', () => {
  it('NO₂ above 200 three times gives three activations, with when and for how long', () => {
    const result = replay({}, threeExcursions);
    expect(result.activations).toBe(3);
    expect(result.timeInAlarmMs).toBe(35 * MINUTE);
    expect(result.channels).toEqual([
      {
        channelId: 'aq-oost/no2',
        activations: 3,
        timeInAlarmMs: 35 * MINUTE,
        firstAt: FROM + 360 * MINUTE,
        lastAt: FROM + 1080 * MINUTE,
      },
    ]);
  });

  it('a limit above the highest value never fires', () => {
    expect(replay({ limit: 300 }, threeExcursions)).toMatchObject({ activations: 0, timeInAlarmMs: 0 });
  });

  it('an on-delay longer than every excursion never fires; one of 15 min lets only the 20-minute one through', () => {
    expect(replay({ onDelayMs: 30 * MINUTE }, threeExcursions).activations).toBe(0);
    const result = replay({ onDelayMs: 15 * MINUTE }, threeExcursions);
    expect(result.channels[0]).toMatchObject({ activations: 1, firstAt: FROM + (720 + 15) * MINUTE });
    expect(result.timeInAlarmMs).toBe(5 * MINUTE);
  });

  it('an off-delay longer than the gaps between excursions makes them one alarm', () => {
    const close = minutely(120, (m) => (m % 20 < 5 ? 260 : 150));
    expect(replay({}, close).activations).toBe(6);
    const result = replay({ offDelayMs: 30 * MINUTE }, close);
    expect(result.activations).toBe(1);
    // Active from the first excursion until 30 min after the last one ended, at minute 105.
    expect(result.timeInAlarmMs).toBe((105 + 30) * MINUTE);
  });

  it('a value chattering around the limit fires at each wobble without deadband, once with it', () => {
    const chatter = minutely(60, (m) => (m < 10 ? 150 : m % 2 === 0 ? 203 : 198));
    expect(replay({}, chatter).activations).toBe(25);
    expect(replay({ deadband: 5 }, chatter).activations).toBe(1);
  });

  it('rate of change counts per minute, whichever way the value moves', () => {
    const jumps = minutely(60, (m) => (m === 20 ? 190 : m === 40 ? 110 : 150));
    // 150 → 190 → 150 (two steps of 40/min), 150 → 110 → 150 (two more): two excursions.
    expect(replay({ kind: 'rate-of-change', limit: 30 }, jumps).activations).toBe(2);
    expect(replay({ kind: 'rate-of-change', limit: 50 }, jumps).activations).toBe(0);
  });

  it('no-data fires for a silence longer than its limit, from when the silence passed it until readings return', () => {
    const gappy = minutely(24 * 60, () => 150).filter(
      (s) => s.sourceTime < FROM + 600 * MINUTE || s.sourceTime >= FROM + 640 * MINUTE,
    );
    const result = replay({ kind: 'no-data', limit: 15 * 60 }, gappy);
    expect(result.channels[0]).toMatchObject({ activations: 1, firstAt: FROM + (599 + 15) * MINUTE });
    expect(result.timeInAlarmMs).toBe((640 - 614) * MINUTE);
  });

  it('bad readings say nothing, and an alarm still active at the end counts until the end', () => {
    const failing = minutely(24 * 60, (m) => (m >= 1430 ? 260 : 150)).map((sample, m) =>
      m % 2 === 1 ? { ...sample, value: 999, statusCode: StatusCode.BadSensorFailure } : sample,
    );
    const result = replay({}, failing);
    expect(result.activations).toBe(1);
    expect(result.timeInAlarmMs).toBe(TO - (FROM + 1430 * MINUTE));
  });

  it('a rule on an asset kind and metric covers each such channel, with or without readings', () => {
    const byKind = { target: { assetKind: 'air-quality-station' as const, metric: 'no2' } };
    expect(targetedChannels(rule(byKind), city.channels, city.assets)).toEqual([
      'aq-oost/no2',
      'aq-west/no2',
    ]);
    const result = replay(byKind, threeExcursions);
    expect(result.channels.map((c) => [c.channelId, c.activations])).toEqual([
      ['aq-oost/no2', 3],
      ['aq-west/no2', 0],
    ]);
    expect(targetedChannels(rule({ target: { scope: 'devices' } }), city.channels, city.assets)).toEqual([]);
  });
});
