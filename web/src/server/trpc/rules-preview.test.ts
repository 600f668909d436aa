import { insertReadings } from '@city/db';
import { backends, createTestDatabase, seedChannels, type TestDatabase } from '@city/db/testing';
import { type AlarmRuleInput, type Reading, type Role, StatusCode } from '@city/domain';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandLimiter } from '../auth/command-limits';
import type { Principal } from '../auth/principal';
import { createCallerFactory } from './init';
import { appRouter } from './router';
import { PREVIEW_LIMITS, PreviewInput, previewRule } from './rules-preview';

const callerOf = createCallerFactory(appRouter);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const now = Date.now();
const start = Math.floor(now / (5 * MINUTE)) * 5 * MINUTE - 48 * HOUR;

/** A reading every 5 minutes over the last 48 hours, the value at hour h given by `at(h)`. */
function history(channelId: string, at: (hoursIn: number, index: number) => number): Reading[] {
  return Array.from({ length: (48 * HOUR) / (5 * MINUTE) }, (_, i) => ({
    channelId,
    value: at((i * 5 * MINUTE) / HOUR, i),
    statusCode: StatusCode.Good,
    sourceTime: new Date(start + i * 5 * MINUTE),
  }));
}

// Oude Schans' NO₂: 120 µg/m³ but for three half-hour excursions to 240 (hours 6, 20 and 40 of 48).
const excursionHours = [6, 20, 40];
const oudeSchans = history('aq-oude-schans/no2', (h) =>
  excursionHours.some((hour) => h >= hour && h < hour + 0.5) ? 240 : 120,
);
// Stadhouderskade's NO₂ hovers at the limit for an hour (hour 30): 198, 203, 198, 203, …
const stadhouderskade = history('aq-stadhouderskade/no2', (h, i) =>
  h >= 30 && h < 31 ? (i % 2 === 0 ? 203 : 198) : 120,
);

function signedIn(role: Role): Principal {
  return {
    user: { name: role, displayName: role, role, kind: 'user' },
    userId: 1,
    idHash: Buffer.alloc(32, 3),
    sessionRef: 'test',
    authenticatedAt: now,
    expiresAt: now + HOUR,
    idleExpiresAt: now + HOUR,
  };
}

const draft = (changes: Partial<AlarmRuleInput> = {}): AlarmRuleInput => ({
  id: 'no2-oude-schans-high',
  name: 'NO₂ high',
  kind: 'high',
  target: { channelId: 'aq-oude-schans/no2' },
  limit: 200,
  priority: 2,
  message: '{asset}: NO₂ {value} {unit}',
  ...changes,
});

describe.each(backends)('an engineer previews a drafted NO₂ rule on %s', (backend) => {
  let target: TestDatabase;
  const api = (role: Role) =>
    callerOf({
      db: target.db,
      logger: pino({ level: 'silent' }),
      alarmEngine: () => undefined,
      principal: signedIn(role),
      origin: { address: '127.0.0.1', userAgent: 'vitest' },
      sessions: undefined,
      commandLimits: new CommandLimiter(),
    }).alarms.rules;
  const preview = (changes: Partial<AlarmRuleInput> = {}, days?: number) =>
    api('engineer').preview({ rule: draft(changes), ...(days ? { days } : {}) });

  beforeAll(async () => {
    target = await createTestDatabase(backend);
    for (const station of ['aq-oude-schans', 'aq-stadhouderskade']) {
      await seedChannels(target.db, station, ['no2']);
    }
    await insertReadings(target.db, [...oudeSchans, ...stadhouderskade]);
  });
  afterAll(async () => {
    await target?.drop();
  });

  it('history that crosses 200 three times would have fired three times, half an hour each', async () => {
    const answer = await preview();
    expect(answer).toMatchObject({
      activations: 3,
      timeInAlarmMs: 3 * 30 * MINUTE,
      readingsUsed: oudeSchans.length,
      truncated: false,
    });
    expect(answer.channels).toEqual([
      {
        channelId: 'aq-oude-schans/no2',
        activations: 3,
        timeInAlarmMs: 90 * MINUTE,
        firstAt: start + 6 * HOUR,
        lastAt: start + 40 * HOUR,
      },
    ]);
    expect(answer.to - answer.from).toBe(7 * 24 * HOUR);
  });

  it('the last day alone holds one of the three', async () => {
    expect(await preview({}, 1)).toMatchObject({ activations: 1, truncated: false });
  });

  it('a limit of 250 would never have fired', async () => {
    expect(await preview({ limit: 250 })).toMatchObject({ activations: 0, timeInAlarmMs: 0 });
  });

  it('an on-delay of 45 minutes, longer than every excursion, would never have fired', async () => {
    expect(await preview({ onDelayMs: 45 * MINUTE })).toMatchObject({ activations: 0 });
  });

  it('a deadband of 10 keeps Stadhouderskade, hovering at the limit, from counting every wobble', async () => {
    const hovering = { target: { channelId: 'aq-stadhouderskade/no2' } };
    expect((await preview(hovering)).activations).toBe(6);
    expect((await preview({ ...hovering, deadband: 10 })).activations).toBe(1);
  });

  it('a rule for every air station covers both, each counted apart', async () => {
    const everyStation = await preview({ target: { assetKind: 'air-quality-station', metric: 'no2' } });
    expect(everyStation.channels.map((c) => [c.channelId, c.activations])).toEqual([
      ['aq-oude-schans/no2', 3],
      ['aq-stadhouderskade/no2', 6],
    ]);
    expect(everyStation.activations).toBe(9);
  });

  it('only those who edit rules may preview them', async () => {
    await expect(api('operator').preview({ rule: draft() })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/needs the "rules.edit" permission/),
    });
  });

  it('refuses what it cannot replay, and says why', async () => {
    await expect(preview({ target: { scope: 'gateways' } })).rejects.toThrow(
      /a gateways communications rule has none stored/,
    );
    await expect(preview({ target: { channelId: 'aq-nergens/no2' } })).rejects.toThrow(/matches no channel/);
    await expect(preview({}, 8)).rejects.toThrow(/at most 7 days/);
  });

  it('past the cap on readings replays the newest period only, and says so', async () => {
    const input = PreviewInput.parse({ rule: draft() });
    const capped = await previewRule(target.db, input, { ...PREVIEW_LIMITS, maxReadings: 200 });
    expect(capped).toMatchObject({ truncated: true, readingsUsed: 200, activations: 1 });
    // The 200 newest of 576 readings; the period starts just after the 201st newest, so none is missing.
    expect(capped.from).toBe(start + (576 - 201) * 5 * MINUTE + 1);
  });

  it('refuses a target wider than the channel cap, and a second preview while one runs', async () => {
    const wide = PreviewInput.parse({
      rule: draft({ target: { assetKind: 'air-quality-station', metric: 'no2' } }),
    });
    await expect(previewRule(target.db, wide, { ...PREVIEW_LIMITS, maxChannels: 1 })).rejects.toThrow(
      /a preview replays at most 1 channels; this target has 2/,
    );
    const input = PreviewInput.parse({ rule: draft() });
    const [first, second] = await Promise.allSettled([
      previewRule(target.db, input),
      previewRule(target.db, input),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({
      status: 'rejected',
      reason: {
        code: 'TOO_MANY_REQUESTS',
        message: expect.stringMatching(/one rule preview runs at a time/),
      },
    });
  });
});
