import type { LatestValue, Layer } from '@city/domain';

/** Where a channel shows: its asset's map layer and district. */
export interface ChannelPlace {
  layer: Layer;
  district: string | null;
}

/** What a screen asked to watch; nothing asked means everything. */
export interface Selection {
  layers?: readonly Layer[] | undefined;
  districts?: readonly string[] | undefined;
}

export const ALL_ROOM = 'telemetry:all';
export const layerRoom = (layer: string) => `telemetry:layer:${layer}`;
export const districtRoom = (district: string) => `telemetry:district:${district}`;

/** The rooms a screen joins for its selection: every layer and district it named, or all. */
export function roomsFor(selection: Selection): string[] {
  const rooms = [
    ...(selection.layers ?? []).map(layerRoom),
    ...(selection.districts ?? []).map(districtRoom),
  ];
  return rooms.length > 0 ? rooms : [ALL_ROOM];
}

/** Whether a value belongs on a screen with this selection (a layer or a district it watches). */
export function selects(selection: Selection, place: ChannelPlace | undefined): boolean {
  if (!selection.layers?.length && !selection.districts?.length) return true;
  if (!place) return false;
  return (
    (selection.layers ?? []).includes(place.layer) ||
    (place.district !== null && (selection.districts ?? []).includes(place.district))
  );
}

/** Whether a channel's values go to a room (the room for everything holds every channel). */
export function roomHolds(room: string, place: ChannelPlace | undefined): boolean {
  if (room === ALL_ROOM) return true;
  if (!place) return false;
  return (
    room === layerRoom(place.layer) || (place.district !== null && room === districtRoom(place.district))
  );
}

/**
 * A frame split by room: each layer's and each district's values, and the whole frame for screens
 * that watch everything. A screen in two rooms may get a value twice; screens keep the newest.
 * Rooms that `watched` says no screen is in are left out, so nothing is built or encoded for them.
 */
export function splitByRoom(
  values: readonly LatestValue[],
  placeOf: (channelId: string) => ChannelPlace | undefined,
  watched: (room: string) => boolean = () => true,
): Map<string, LatestValue[]> {
  const byRoom = new Map<string, LatestValue[]>();
  if (watched(ALL_ROOM)) byRoom.set(ALL_ROOM, [...values]);
  const add = (room: string, value: LatestValue) => {
    const list = byRoom.get(room);
    if (list) list.push(value);
    else if (watched(room)) byRoom.set(room, [value]);
  };
  for (const value of values) {
    const place = placeOf(value.channelId);
    if (!place) continue;
    add(layerRoom(place.layer), value);
    if (place.district) add(districtRoom(place.district), value);
  }
  return byRoom;
}
