import { READINGS_NOTIFY_CHANNEL, StatusCode } from '@city/domain';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HubFrame, TelemetryHub } from './telemetry-hub';

function recordingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

function notice(...latest: Array<[string, number | null, number, number, number]>): string {
  return JSON.stringify({ v: 1, latest });
}

/** Notices are published in the microtask after the read they came in; this lets that run. */
const afterRead = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('telemetry hub', () => {
  let frames: HubFrame[];
  let hub: TelemetryHub;
  let log: ReturnType<typeof recordingLogger>;

  beforeEach(() => {
    frames = [];
    log = recordingLogger();
    hub = new TelemetryHub({ logger: log.logger, publish: (frame) => frames.push(frame) });
  });
  afterEach(() => hub.close());

  it(`takes a notice on ${READINGS_NOTIFY_CHANNEL} and shows the new NO2 value at once`, async () => {
    hub.handleNotice(notice(['aq-vondelpark/no2', 41.5, StatusCode.Good, 1000, 1005]));
    await afterRead();

    expect(frames).toHaveLength(1);
    expect(frames[0]?.values).toEqual([
      { channelId: 'aq-vondelpark/no2', value: 41.5, statusCode: 0, sourceTime: 1000, serverTime: 1005 },
    ]);
    expect(hub.snapshot().values).toHaveLength(1);
  });

  it('sends a batch announced in three notices as one frame, once its last part is in', async () => {
    const part = (n: number, channel: string) =>
      JSON.stringify({
        v: 1,
        batch: { id: 'gw-1-7', part: n, parts: 3 },
        latest: [[channel, n, StatusCode.Good, 1000, 1005]],
      });
    hub.handleNotice(part(1, 'sl-segment-1/dim'));
    await afterRead();
    hub.handleNotice(part(2, 'sl-segment-2/dim'));
    await afterRead();
    expect(frames).toHaveLength(0);

    hub.handleNotice(part(3, 'sl-segment-3/dim'));
    await afterRead();
    expect(frames).toHaveLength(1);
    expect(frames[0]?.values.map((value) => value.channelId)).toEqual([
      'sl-segment-1/dim',
      'sl-segment-2/dim',
      'sl-segment-3/dim',
    ]);
  });

  it('does not hold values back for long when a part of a batch never comes', async () => {
    hub.handleNotice(
      JSON.stringify({
        v: 1,
        batch: { id: 'gw-1-8', part: 1, parts: 2 },
        latest: [['sw-pump-3/level', 1.2, StatusCode.Good, 1000, 1005]],
      }),
    );
    await afterRead();
    expect(frames).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(frames.map((frame) => frame.values.length)).toEqual([1]);
  });

  it('keeps a bad-quality reading without a value, so the screen can mark it', () => {
    hub.handleNotice(notice(['aq-vondelpark/no2', null, StatusCode.BadSensorFailure, 1000, 1005]));
    expect(hub.snapshot().values[0]).toMatchObject({ value: null, statusCode: StatusCode.BadSensorFailure });
  });

  it.each([
    ['not JSON', '{"v":1,"latest":[[', 'not JSON'],
    ['a future protocol version', JSON.stringify({ v: 2, latest: [] }), 'v'],
    ['a tuple with a text value', JSON.stringify({ v: 1, latest: [['a/b', 'high', 0, 1, 2]] }), 'latest'],
    ['an empty payload', '', 'not JSON'],
  ])('logs and skips %s without crashing, and keeps serving good notices', async (_case, payload, hint) => {
    expect(() => hub.handleNotice(payload)).not.toThrow();
    const warning = log.lines.find((line) => line.code === 'WEB_BAD_NOTICE');
    expect(warning?.error).toContain(hint);
    expect(hub.stats).toMatchObject({ noticesRejected: 1, noticesAccepted: 0 });

    hub.handleNotice(notice(['tr-a10-west/speed', 88, StatusCode.Good, 2000, 2001]));
    await afterRead();
    expect(frames).toHaveLength(1);
  });

  it('sends each committed batch as its own frame, without waiting for a frame interval', async () => {
    hub.handleNotice(notice(['tr-a10-west/speed', 80, 0, 1000, 1000]));
    await afterRead();
    hub.handleNotice(notice(['tr-a10-west/speed', 81, 0, 1050, 1050]));
    await afterRead();
    hub.handleNotice(notice(['tr-a10-west/flow', 1200, 0, 1060, 1060]));
    await afterRead();
    expect(frames.map((frame) => frame.values.map((value) => value.value))).toEqual([[80], [81], [1200]]);
    expect(frames.map((frame) => frame.seq)).toEqual([1, 2, 3]);
  });

  it('sends notices that came in one read from the database as one frame, newest value per channel', async () => {
    hub.handleNotice(notice(['tr-a10-west/speed', 81, 0, 1050, 1050]));
    hub.handleNotice(notice(['tr-a10-west/flow', 1200, 0, 1060, 1060]));
    hub.handleNotice(notice(['tr-a10-west/speed', 82, 0, 1070, 1070]));
    expect(frames).toHaveLength(0);
    await afterRead();
    expect(frames).toHaveLength(1);
    expect(frames[0]?.values.map((value) => [value.channelId, value.value])).toEqual([
      ['tr-a10-west/speed', 82],
      ['tr-a10-west/flow', 1200],
    ]);
  });

  it('ignores a late notice that is older than the value it holds, but the alarm engine still sees it', async () => {
    const observed: number[] = [];
    const watched = new TelemetryHub({
      logger: log.logger,
      publish: (frame) => frames.push(frame),
      observe: (values) => observed.push(...values.map((value) => value.value ?? Number.NaN)),
    });
    watched.apply([
      { channelId: 'aq-vondelpark/no2', value: 30, statusCode: 0, sourceTime: 5000, serverTime: 5001 },
    ]);
    await afterRead();
    watched.handleNotice(notice(['aq-vondelpark/no2', 99, 0, 4000, 5002]));
    await afterRead();
    expect(watched.snapshot().values[0]?.value).toBe(30);
    expect(frames).toHaveLength(1);
    expect(observed).toEqual([99]);
    watched.close();
  });

  it('tells a screen that was held back after a frame which channels changed since, newest value only', async () => {
    hub.handleNotice(
      notice(['tr-a10-west/speed', 80, 0, 1000, 1000], ['tr-a10-west/flow', 900, 0, 1000, 1000]),
    );
    await afterRead();
    hub.handleNotice(notice(['tr-a10-west/speed', 81, 0, 2000, 2000]));
    await afterRead();
    hub.handleNotice(notice(['tr-a10-west/speed', 82, 0, 3000, 3000]));
    await afterRead();
    expect(hub.newestSince(1).map((value) => [value.channelId, value.value])).toEqual([
      ['tr-a10-west/speed', 82],
    ]);
    expect(hub.newestSince(0)).toHaveLength(2);
    expect(hub.newestSince(3)).toEqual([]);
  });

  it('publishes nothing after close', async () => {
    hub.handleNotice(notice(['tr-a10-west/speed', 80, 0, 1000, 1000]));
    hub.close();
    await afterRead();
    hub.handleNotice(notice(['tr-a10-west/speed', 81, 0, 1001, 1001]));
    await afterRead();
    expect(frames).toHaveLength(0);
  });
});
