/**
 * Synthetic city data for the database benchmarks: many channels, evenly sampled, with values that
 * drift and carry noise, as air-quality and traffic channels do. Progress goes to stderr only, since
 * stdout carries the single BENCH line.
 */
import { type Database, upsertAlarmRules } from '@city/db';
import { seedChannels } from '@city/db/testing';
import { AlarmRuleSchema, type Reading } from '@city/domain';

/** Channels per synthetic asset: a station with a handful of sensors, like the real ones. */
const CHANNELS_PER_ASSET = 10;

/** Registers `count` channels through the API (assets "bench-0000" … with metrics "m0" … "m9"); returns their ids. */
export async function seedBenchChannels(db: Database, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let first = 0; first < count; first += CHANNELS_PER_ASSET) {
    const assetId = `bench-${String(first / CHANNELS_PER_ASSET).padStart(4, '0')}`;
    const metrics = Array.from({ length: Math.min(CHANNELS_PER_ASSET, count - first) }, (_, i) => `m${i}`);
    const channels = await seedChannels(db, assetId, metrics);
    ids.push(...channels.map((channel) => channel.id));
  }
  return ids;
}

/**
 * One high-limit rule per bench metric (m0 … m9) over every bench station, so every reading is
 * evaluated by the alarm engine; `limit` decides whether any of them crosses.
 */
export async function seedBenchAlarmRules(db: Database, limit: number): Promise<void> {
  await upsertAlarmRules(
    db,
    Array.from({ length: CHANNELS_PER_ASSET }, (_, m) =>
      AlarmRuleSchema.parse({
        id: `bench-m${m}-high`,
        name: `m${m} high`,
        kind: 'high',
        target: { assetKind: 'air-quality-station', metric: `m${m}` },
        limit,
        priority: 3,
        message: '{asset} {value}',
      }),
    ),
  );
}

/**
 * `sweeps` poll cycles over every channel, `stepMs` apart from `startMs` on: the order a gateway sends
 * them in, so each batch of channels.length readings is one cycle of the whole city.
 */
export function syntheticReadings(
  channelIds: readonly string[],
  startMs: number,
  sweeps: number,
  stepMs: number,
): Reading[] {
  const readings: Reading[] = [];
  for (let sweep = 0; sweep < sweeps; sweep += 1) {
    const time = startMs + sweep * stepMs;
    for (let c = 0; c < channelIds.length; c += 1) {
      readings.push({
        channelId: channelIds[c] as string,
        value: syntheticValue(c, time),
        statusCode: 0,
        sourceTime: new Date(time),
      });
    }
  }
  return readings;
}

/** A daily cycle around a per-channel level, plus noise: compresses like real sensor data, not like a constant. */
export function syntheticValue(channel: number, timeMs: number): number {
  const level = 20 + (channel % 50);
  const daily = 10 * Math.sin((2 * Math.PI * (timeMs % 86_400_000)) / 86_400_000 + channel);
  return Math.round((level + daily + (Math.random() - 0.5) * 4) * 1000) / 1000;
}

/** A stderr logger that stamps each line with the seconds since the benchmark started. */
export function progress(name: string): (message: string) => void {
  const started = performance.now();
  return (message) =>
    process.stderr.write(`[${name} ${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
}

/** Wall-clock seconds an async step takes, with its result. */
export async function timed<T>(step: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await step();
  return { result, seconds: (performance.now() - started) / 1000 };
}
