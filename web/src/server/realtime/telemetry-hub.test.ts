import { READINGS_NOTIFY_CHANNEL, StatusCode } from '@city/db/domain';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TelemetryFrame } from '../../shared/contract';
import { TelemetryHub } from './telemetry-hub';

function recordingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

function notice(...latest: Array<[string, number | null, number, number, number]>): string {
  return JSON.stringify({ v: 1, latest });
}

describe('telemetry hub', () => {
  let frames: TelemetryFrame[];
  let hub: TelemetryHub;
  let log: ReturnType<typeof recordingLogger>;

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    frames = [];
    log = recordingLogger();
    hub = new TelemetryHub({ logger: log.logger, publish: (frame) => frames.push(frame) });
  });
  afterEach(() => {
    hub.close();
    vi.useRealTimers();
  });

  it(`takes a notice on ${READINGS_NOTIFY_CHANNEL} and shows the new NO2 value at once`, () => {
    hub.handleNotice(notice(['aq-vondelpark/no2', 41.5, StatusCode.Good, 1000, 1005]));

    expect(frames).toHaveLength(1);
    expect(frames[0]?.values).toEqual([
      { channelId: 'aq-vondelpark/no2', value: 41.5, statusCode: 0, sourceTime: 1000, serverTime: 1005 },
    ]);
    expect(hub.snapshot().values).toHaveLength(1);
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
  ])('logs and skips %s without crashing, and keeps serving good notices', (_case, payload, hint) => {
    expect(() => hub.handleNotice(payload)).not.toThrow();
    const warning = log.lines.find((line) => line.code === 'WEB_BAD_NOTICE');
    expect(warning?.error).toContain(hint);
    expect(hub.stats).toMatchObject({ noticesRejected: 1, noticesAccepted: 0 });

    hub.handleNotice(notice(['tr-a10-west/speed', 88, StatusCode.Good, 2000, 2001]));
    expect(frames).toHaveLength(1);
  });

  it('coalesces a burst of notices into one frame with the newest value per channel', () => {
    hub.handleNotice(notice(['tr-a10-west/speed', 80, 0, 1000, 1000]));
    expect(frames).toHaveLength(1);

    vi.advanceTimersByTime(50);
    hub.handleNotice(notice(['tr-a10-west/speed', 81, 0, 1050, 1050]));
    hub.handleNotice(notice(['tr-a10-west/flow', 1200, 0, 1060, 1060]));
    hub.handleNotice(notice(['tr-a10-west/speed', 82, 0, 1070, 1070]));
    expect(frames).toHaveLength(1);

    vi.advanceTimersByTime(199);
    expect(frames).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(frames).toHaveLength(2);
    const second = frames[1]?.values ?? [];
    expect(second.map((value) => [value.channelId, value.value])).toEqual([
      ['tr-a10-west/speed', 82],
      ['tr-a10-west/flow', 1200],
    ]);
  });

  it('sends the first change after a quiet spell immediately', () => {
    hub.handleNotice(notice(['tr-a10-west/speed', 80, 0, 1000, 1000]));
    vi.advanceTimersByTime(1000);
    hub.handleNotice(notice(['tr-a10-west/speed', 70, 0, 2000, 2000]));
    expect(frames).toHaveLength(2);
  });

  it('ignores a late notice that is older than the value it holds', () => {
    hub.apply([
      { channelId: 'aq-vondelpark/no2', value: 30, statusCode: 0, sourceTime: 5000, serverTime: 5001 },
    ]);
    hub.handleNotice(notice(['aq-vondelpark/no2', 99, 0, 4000, 5002]));
    expect(hub.snapshot().values[0]?.value).toBe(30);
    expect(frames).toHaveLength(1);
  });

  it('publishes nothing after close', () => {
    hub.handleNotice(notice(['tr-a10-west/speed', 80, 0, 1000, 1000]));
    hub.handleNotice(notice(['tr-a10-west/speed', 81, 0, 1001, 1001]));
    hub.close();
    vi.advanceTimersByTime(1000);
    expect(frames).toHaveLength(1);
  });
});
