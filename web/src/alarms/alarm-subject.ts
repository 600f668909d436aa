import type { Alarm, Asset, Channel, Layer } from '@city/domain';

/** What an alarm is about, as the list shows and filters it. */
export interface AlarmSubject {
  /** The map asset to fly to; a gateway's silence has none. */
  assetId: string | null;
  /** The asset's name, or the gateway's or device's, as the alarm's message names it. */
  name: string;
  layer: Layer | null;
  district: string | null;
  /** A communications alarm (a silent gateway or device), under which suppressed alarms are grouped. */
  comms: boolean;
}

/** What the catalog must answer for an alarm's subject (a subset of useCatalog's catalog). */
export interface SubjectCatalog {
  assetById: ReadonlyMap<string, Asset>;
  channels: readonly Channel[];
}

const COMMS_SUFFIX = '/comms';

/** Gateway and device silences have "<gateway or device id>/comms" where a channel id would be. */
export function isCommsAlarm(alarm: Pick<Alarm, 'channelId'>): boolean {
  return alarm.channelId.endsWith(COMMS_SUFFIX);
}

/** A device's first asset: a silent controller is shown (and flown to) where its points are. */
function assetOfDevice(deviceId: string, catalog: SubjectCatalog): Asset | undefined {
  const channel = catalog.channels.find((candidate) => candidate.source?.deviceId === deviceId);
  return channel ? catalog.assetById.get(channel.assetId) : undefined;
}

/**
 * The asset behind an alarm: a channel alarm's id is "<assetId>/<metric>"; a device's silence is
 * placed at the asset its points belong to; a gateway's silence belongs to no one asset.
 */
export function subjectOf(alarm: Alarm, catalog: SubjectCatalog | null): AlarmSubject {
  const named = alarm.message.params.asset;
  if (isCommsAlarm(alarm)) {
    const ownerId = alarm.channelId.slice(0, -COMMS_SUFFIX.length);
    const asset =
      alarm.message.key === 'alarm.device-silent' && catalog ? assetOfDevice(ownerId, catalog) : undefined;
    return {
      assetId: asset?.id ?? null,
      name: named,
      layer: asset?.layer ?? null,
      district: asset?.district ?? null,
      comms: true,
    };
  }
  const assetId = alarm.message.params.assetId || alarm.channelId.split('/')[0] || alarm.channelId;
  const asset = catalog?.assetById.get(assetId);
  return {
    assetId,
    name: asset?.name ?? named,
    layer: asset?.layer ?? null,
    district: asset?.district ?? null,
    comms: false,
  };
}
