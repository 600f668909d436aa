import { StatusCode } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { commsStatusOf } from './comms-status';

const NOW = 1_800_000_000_000;
const gateway = (lastSeenAgoMs: number, bufferDepth = 0, oldestUnsentMs: number | null = null) => ({
  id: 'gw-cab-buiksloterham',
  name: 'Straatkast gemaal Buiksloterham',
  cabinetId: 'cab-buiksloterham',
  version: '1.0.0',
  lastSeen: NOW - lastSeenAgoMs,
  bufferDepth,
  oldestUnsentMs,
});
const point = (statusCode: number) => ({
  channelId: 'ps-buiksloterham/level',
  value: 1.2,
  statusCode,
  sourceTime: NOW - 1_000,
  serverTime: NOW - 900,
});

describe("a field cabinet's communications on the map", () => {
  it('is fine when its gateway beats and every device answers', () => {
    expect(commsStatusOf(gateway(5_000), [point(StatusCode.Good), undefined], NOW)).toEqual({ kind: 'ok' });
  });

  it('is silent when the gateway missed three beats, or never reported', () => {
    expect(commsStatusOf(gateway(40_000), [point(StatusCode.Good)], NOW)).toEqual({
      kind: 'silent',
      silentForMs: 40_000,
    });
    expect(commsStatusOf(undefined, [], NOW).kind).toBe('silent');
  });

  it('is buffering when readings wait on the gateway for longer than 15 s', () => {
    expect(commsStatusOf(gateway(2_000, 120, 20_000), [], NOW)).toEqual({ kind: 'buffering', waiting: 120 });
    expect(commsStatusOf(gateway(2_000, 3, 800), [], NOW)).toEqual({ kind: 'ok' });
  });

  it('counts the points a device no longer answers for', () => {
    const points = [
      point(StatusCode.BadNoCommunication),
      point(StatusCode.Good),
      point(StatusCode.BadTimeout),
    ];
    expect(commsStatusOf(gateway(1_000), points, NOW)).toEqual({
      kind: 'devices-silent',
      silent: 2,
      points: 3,
    });
  });
});
