import type { LatestValue } from '@city/domain';
import { describe, expect, it } from 'vitest';
import {
  ALL_ROOM,
  type ChannelPlace,
  roomFor,
  roomHolds,
  selectionOfRoom,
  selects,
  splitByRoom,
} from './rooms';

const places = new Map<string, ChannelPlace>([
  ['aq-oude-schans/no2', { layer: 'air', district: 'Centrum' }],
  ['loop-prins-hendrikkade/speed', { layer: 'traffic', district: 'Centrum' }],
  ['aq-vondelpark/no2', { layer: 'air', district: 'Zuid' }],
  ['a10-zuid/speed', { layer: 'traffic', district: 'Zuid' }],
  ['ps-bijlmer/level', { layer: 'sewer', district: 'Zuidoost' }],
  ['aq-nowhere/no2', { layer: 'air', district: null }],
]);
const value = (channelId: string): LatestValue => ({
  channelId,
  value: 1,
  statusCode: 0,
  sourceTime: 1,
  serverTime: 1,
});
const frame = [...places.keys(), 'unknown/x'].map(value);
const chosen = (selection: Parameters<typeof selects>[0]) =>
  [...places].filter(([, place]) => selects(selection, place)).map(([id]) => id);

describe('what a screen watching layers and districts gets', () => {
  it("a screen watching air in Centrum gets Centrum's air station, not its traffic loop nor Zuid's air station", () => {
    expect(chosen({ layers: ['air'], districts: ['Centrum'] })).toEqual(['aq-oude-schans/no2']);
  });

  it('naming only layers means every district, naming only districts every layer', () => {
    expect(chosen({ layers: ['air'] })).toEqual([
      'aq-oude-schans/no2',
      'aq-vondelpark/no2',
      'aq-nowhere/no2',
    ]);
    expect(chosen({ districts: ['Zuid'] })).toEqual(['aq-vondelpark/no2', 'a10-zuid/speed']);
    expect(chosen({ layers: [], districts: [] })).toHaveLength(places.size);
    expect(selects({}, undefined)).toBe(true);
    expect(selects({ layers: ['air'] }, undefined)).toBe(false);
  });

  it('several layers and districts select each layer in each district named', () => {
    expect(chosen({ layers: ['air', 'traffic'], districts: ['Centrum', 'Zuidoost'] })).toEqual([
      'aq-oude-schans/no2',
      'loop-prins-hendrikkade/speed',
    ]);
  });

  it('an asset without a district is in no district a screen names', () => {
    expect(chosen({ layers: ['air'], districts: ['Centrum'] })).not.toContain('aq-nowhere/no2');
  });
});

describe('telemetry rooms', () => {
  it('give each selection one room, whatever the order it was named in', () => {
    expect(roomFor({})).toBe(ALL_ROOM);
    expect(roomFor({ layers: [], districts: [] })).toBe(ALL_ROOM);
    const room = roomFor({ layers: ['traffic', 'air'], districts: ['Zuid', 'Centrum'] });
    expect(roomFor({ layers: ['air', 'traffic', 'air'], districts: ['Centrum', 'Zuid'] })).toBe(room);
    expect(selectionOfRoom(room)).toEqual({ layers: ['air', 'traffic'], districts: ['Centrum', 'Zuid'] });
    expect(selectionOfRoom('some-socket-id')).toBeUndefined();
    expect(roomFor({ layers: ['air'] })).not.toBe(roomFor({ districts: ['air'] }));
  });

  it('split a frame into the values each watched room selects, and the whole frame for everything', () => {
    const airCentrum = roomFor({ layers: ['air'], districts: ['Centrum'] });
    const zuid = roomFor({ districts: ['Zuid'] });
    const sewer = roomFor({ layers: ['sewer'] });
    const rooms = splitByRoom(frame, (id) => places.get(id), [ALL_ROOM, airCentrum, zuid, sewer]);
    const ids = (room: string) => rooms.get(room)?.map((v) => v.channelId) ?? [];
    expect(ids(ALL_ROOM)).toHaveLength(frame.length);
    expect(ids(airCentrum)).toEqual(['aq-oude-schans/no2']);
    expect(ids(zuid)).toEqual(['aq-vondelpark/no2', 'a10-zuid/speed']);
    expect(ids(sewer)).toEqual(['ps-bijlmer/level']);
  });

  it('build nothing for rooms no screen is in, nor for a room nothing in the frame belongs to', () => {
    const zuid = roomFor({ districts: ['Zuid'] });
    const lightingNoord = roomFor({ layers: ['lighting'], districts: ['Noord'] });
    const rooms = splitByRoom(frame, (id) => places.get(id), [zuid, lightingNoord, 'a-socket-id']);
    expect([...rooms.keys()]).toEqual([zuid]);
  });

  it('say which rooms a channel belongs in, for a screen catching up', () => {
    const oudeSchans = places.get('aq-oude-schans/no2');
    expect(roomHolds(ALL_ROOM, undefined)).toBe(true);
    expect(roomHolds(roomFor({ layers: ['air'], districts: ['Centrum'] }), oudeSchans)).toBe(true);
    expect(roomHolds(roomFor({ layers: ['traffic'], districts: ['Centrum'] }), oudeSchans)).toBe(false);
    expect(roomHolds(roomFor({ districts: ['Noord'] }), oudeSchans)).toBe(false);
    expect(roomHolds(roomFor({ layers: ['air'] }), undefined)).toBe(false);
    expect(roomHolds('backed-up:telemetry', oudeSchans)).toBe(false);
  });
});
