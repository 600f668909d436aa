import { type Asset, AssetSchema, type Channel, ChannelSchema, channelIdOf, IdSchema } from '@city/domain';
import { HardwareError } from '../lib/errors';
import type { Cabinet, City, Device } from './loader';

/**
 * Domain objects derived from the city description. Gateway config, database seed and simulators
 * all come from here, so they cannot drift apart.
 */
export function assetsOf(city: City): Asset[] {
  return devicesOf(city).map(({ device }) => AssetSchema.parse(device.asset));
}

/** One channel per profile point of every device, bound to the gateway that reads it. */
export function channelsOf(city: City, gatewayId: string): Channel[] {
  const gateway = IdSchema.safeParse(gatewayId);
  if (!gateway.success) {
    throw new HardwareError(
      'CITY_HW_INVALID_ID',
      `gateway id "${gatewayId}": ${gateway.error.issues[0]?.message ?? 'not a valid id'}`,
    );
  }
  return devicesOf(city).flatMap(({ device }) =>
    device.profile.points.map((point) =>
      ChannelSchema.parse({
        id: channelIdOf(device.asset.id, point.metric),
        assetId: device.asset.id,
        metric: point.metric,
        name: point.label,
        unit: point.unit,
        displayRange: point.displayRange,
        writable: point.access === 'read-write',
        // The profile's write range, which the web server enforces on every setpoint.
        ...(point.access === 'read-write' && point.writeRange ? { writeRange: point.writeRange } : {}),
        source: { gatewayId, deviceId: device.id, point: point.name },
      }),
    ),
  );
}

export function devicesOf(city: City): { cabinet: Cabinet; device: Device }[] {
  return city.cabinets.flatMap((cabinet) => cabinet.devices.map((device) => ({ cabinet, device })));
}

export function findCabinet(city: City, cabinetId: string): Cabinet {
  const cabinet = city.cabinets.find((candidate) => candidate.id === cabinetId);
  if (!cabinet) {
    throw new HardwareError(
      'CITY_HW_UNKNOWN_CABINET',
      `no cabinet "${cabinetId}" in ${city.name}; expected one of ${city.cabinets.map((c) => c.id).join(', ')}`,
    );
  }
  return cabinet;
}
