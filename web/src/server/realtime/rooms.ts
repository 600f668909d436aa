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
const SELECTION_ROOM = 'telemetry:sel:';

/**
 * The one room of a selection. Socket.IO rooms only unite (`to(a).to(b)` reaches members of either),
 * while a screen watching air in Centrum wants the intersection; so each distinct selection is a room
 * of its own, named by its sorted lists, and screens that watch the same thing share its broadcast.
 */
export function roomFor(selection: Selection): string {
  const layers = [...new Set(selection.layers ?? [])].sort();
  const districts = [...new Set(selection.districts ?? [])].sort();
  if (layers.length === 0 && districts.length === 0) return ALL_ROOM;
  return SELECTION_ROOM + JSON.stringify([layers, districts]);
}

// Rooms are few (one per distinct selection) and parsed once per frame each; bounded so a stream of
// odd selections cannot grow it without end.
const parsed = new Map<string, Selection | undefined>();
const PARSED_MAX = 1_000;

/** The selection a room stands for: everything for ALL_ROOM, undefined for a room that is not ours. */
export function selectionOfRoom(room: string): Selection | undefined {
  if (room === ALL_ROOM) return {};
  if (!room.startsWith(SELECTION_ROOM)) return undefined;
  if (parsed.has(room)) return parsed.get(room);
  let selection: Selection | undefined;
  try {
    const [layers, districts] = JSON.parse(room.slice(SELECTION_ROOM.length)) as [Layer[], string[]];
    selection = { layers, districts };
  } catch {
    selection = undefined;
  }
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(room, selection);
  return selection;
}

/**
 * Whether a value belongs on a screen with this selection: its layer is one it watches (or it named
 * none) and its district is one it watches (or it named none), as `assets.state` answers.
 */
export function selects(selection: Selection, place: ChannelPlace | undefined): boolean {
  const { layers, districts } = selection;
  if (!layers?.length && !districts?.length) return true;
  if (!place) return false;
  if (layers?.length && !layers.includes(place.layer)) return false;
  if (districts?.length && (place.district === null || !districts.includes(place.district))) return false;
  return true;
}

/** Whether a channel's values go to a room (the room for everything holds every channel). */
export function roomHolds(room: string, place: ChannelPlace | undefined): boolean {
  const selection = selectionOfRoom(room);
  return selection !== undefined && selects(selection, place);
}

/**
 * A frame split by room, for the rooms given (those some screen is in): the whole frame for the room
 * for everything, and for each selection's room the values it selects. Values are grouped by layer and
 * district once, so each room costs a pass over those few groups, not over the frame: a frame of
 * 10,000 values and fifty distinct selections stays one pass over the values.
 */
export function splitByRoom(
  values: readonly LatestValue[],
  placeOf: (channelId: string) => ChannelPlace | undefined,
  rooms: Iterable<string>,
): Map<string, LatestValue[]> {
  const byRoom = new Map<string, LatestValue[]>();
  const selections: [string, Selection][] = [];
  for (const room of rooms) {
    if (room === ALL_ROOM) byRoom.set(ALL_ROOM, [...values]);
    else {
      const selection = selectionOfRoom(room);
      if (selection) selections.push([room, selection]);
    }
  }
  if (selections.length === 0) return byRoom;
  const groups = groupByPlace(values, placeOf);
  for (const [room, selection] of selections) {
    const parts: LatestValue[][] = [];
    for (const [layer, byDistrict] of groups) {
      if (selection.layers?.length && !selection.layers.includes(layer)) continue;
      for (const [district, group] of byDistrict) {
        if (selects(selection, { layer, district })) parts.push(group);
      }
    }
    const first = parts[0];
    if (first) byRoom.set(room, parts.length === 1 ? first : parts.flat());
  }
  return byRoom;
}

/** Values by layer, then district, in frame order; values of unknown channels are in none. */
function groupByPlace(
  values: readonly LatestValue[],
  placeOf: (channelId: string) => ChannelPlace | undefined,
): Map<Layer, Map<string | null, LatestValue[]>> {
  // Nested maps rather than a "layer|district" key: no string is built per value.
  const groups = new Map<Layer, Map<string | null, LatestValue[]>>();
  for (const value of values) {
    const place = placeOf(value.channelId);
    if (!place) continue;
    let byDistrict = groups.get(place.layer);
    if (!byDistrict) {
      byDistrict = new Map();
      groups.set(place.layer, byDistrict);
    }
    const group = byDistrict.get(place.district);
    if (group) group.push(value);
    else byDistrict.set(place.district, [value]);
  }
  return groups;
}
