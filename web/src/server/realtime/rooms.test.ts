import type { LatestValue } from '@city/domain';
import { describe, expect, it } from 'vitest';
import {
  ALL_ROOM,
  type ChannelPlace,
  districtRoom,
  layerRoom,
  roomHolds,
  roomsFor,
  selects,
  splitByRoom,
} from './rooms';

const places = new Map<string, ChannelPlace>([
  ['aq-vondelpark/no2', { layer: 'air', district: 'Zuid' }],
  ['a10-zuid/speed', { layer: 'traffic', district: 'Zuid' }],
  ['ps-bijlmer/level', { layer: 'sewer', district: 'Zuidoost' }],
]);
const value = (channelId: string): LatestValue => ({
  channelId,
  value: 1,
  statusCode: 0,
  sourceTime: 1,
  serverTime: 1,
});

describe('telemetry rooms', () => {
  it('put each value in its layer and district rooms, and all of them in the room for everything', () => {
    const rooms = splitByRoom([...places.keys(), 'unknown/x'].map(value), (id) => places.get(id));
    const ids = (room: string) => rooms.get(room)?.map((v) => v.channelId) ?? [];
    expect(ids(ALL_ROOM)).toHaveLength(4);
    expect(ids(layerRoom('air'))).toEqual(['aq-vondelpark/no2']);
    expect(ids(districtRoom('Zuid'))).toEqual(['aq-vondelpark/no2', 'a10-zuid/speed']);
    expect(ids(districtRoom('Zuidoost'))).toEqual(['ps-bijlmer/level']);
  });

  it('build nothing for rooms no screen is in', () => {
    const watched = new Set([districtRoom('Zuid')]);
    const rooms = splitByRoom(
      [...places.keys()].map(value),
      (id) => places.get(id),
      (room) => watched.has(room),
    );
    expect([...rooms.keys()]).toEqual([districtRoom('Zuid')]);
  });

  it('say which rooms a channel belongs in', () => {
    const vondelpark = places.get('aq-vondelpark/no2');
    expect(roomHolds(ALL_ROOM, undefined)).toBe(true);
    expect(roomHolds(layerRoom('air'), vondelpark)).toBe(true);
    expect(roomHolds(districtRoom('Zuid'), vondelpark)).toBe(true);
    expect(roomHolds(districtRoom('Noord'), vondelpark)).toBe(false);
    expect(roomHolds(layerRoom('air'), undefined)).toBe(false);
  });

  it('give a screen the rooms of what it watches, and filter its snapshot the same way', () => {
    expect(roomsFor({})).toEqual([ALL_ROOM]);
    expect(roomsFor({ layers: ['sewer'], districts: ['Zuid'] })).toEqual([
      layerRoom('sewer'),
      districtRoom('Zuid'),
    ]);
    const sewerOrZuid = { layers: ['sewer' as const], districts: ['Zuid'] };
    expect([...places].filter(([, place]) => selects(sewerOrZuid, place)).map(([id]) => id)).toEqual([
      'aq-vondelpark/no2',
      'a10-zuid/speed',
      'ps-bijlmer/level',
    ]);
    expect(selects({ layers: ['air'] }, places.get('a10-zuid/speed'))).toBe(false);
  });
});
