import { loadProfile, type Profile } from '@city/hardware/profiles';
import type { ModbusDeviceConfig } from '../../config';

/** A device's register map: its named profile, or the registers written out in its config. */
export function profileOf(device: ModbusDeviceConfig): Pick<Profile, 'model' | 'points'> {
  if (device.registers) return { model: `the registers of ${device.id}`, points: device.registers };
  return loadProfile(device.profile ?? '');
}
