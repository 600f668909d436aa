import ModbusRTU from 'modbus-serial';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { findCabinet } from '../city/derive';
import { AMSTERDAM_CITY_FILE, loadCity } from '../city/loader';
import { decodePoint, registerCount } from '../profiles/codec';
import { setBitNames } from '../profiles/labels';
import { findPoint } from '../profiles/loader';
import { startCabinet } from './cabinet';
import { FieldDevice } from './field-device';
import { ModbusException } from './modbus-exception';
import { CabinetSignals } from './signals/cabinet-signals';
import { localTimeIn } from './signals/local-time';
import { seededRandom } from './signals/random';

const city = loadCity(AMSTERDAM_CITY_FILE);
const silent = pino({ level: 'silent' });
const amsterdam = localTimeIn('Europe/Amsterdam');

/** The devices of one demo cabinet sharing one weather, as startCabinet wires them. */
function cabinetOf(id: string, seed = 1) {
  const shared = new CabinetSignals(seededRandom(seed));
  const devices = findCabinet(city, id).devices.map(
    (d) => new FieldDevice(d, seed + d.unitId, silent, shared),
  );
  const byId = (deviceId: string) => {
    const found = devices.find((d) => d.id === deviceId);
    if (!found) throw new Error(`no device ${deviceId}`);
    return found;
  };
  const run = (fromIso: string, seconds: number, dt = 1) => {
    const from = Date.parse(fromIso);
    for (let second = 0; second < seconds; second += dt) {
      const time = amsterdam(from + second * 1000);
      shared.advance(time, dt);
      for (const device of devices) device.tick(time, dt);
    }
  };
  return { shared, byId, run };
}

describe('the demo cabinets serve plausible values', () => {
  it('a pumping station fills and pumps in dry weather and overflows in a cloudburst, seen on its meter', () => {
    const { shared, byId, run } = cabinetOf('cab-buiksloterham');
    const plc = byId('buiksloterham-pump-plc');
    const gauge = byId('buiksloterham-rain-logger');
    const meter = byId('buiksloterham-energy-meter');
    run('2025-06-18T03:00:00+02:00', 2 * 3600, 5);
    expect(plc.readPointValue('wet_well_level')).toBeGreaterThan(0.3);
    expect(plc.readPointValue('wet_well_level')).toBeLessThan(1.3);
    expect(plc.readPointValue('pump1_mode')).toBe(1); // auto
    expect(plc.readPointValue('pump1_run_hours')).toBeGreaterThan(4000);
    expect(plc.readPointValue('overflow')).toBe(0);
    expect(meter.readPointValue('frequency')).toBeCloseTo(50, 0);
    expect(meter.readPointValue('voltage_l1')).toBeGreaterThan(220);

    shared.startRain({ peakMmPerH: 40, durationS: 3600 });
    let overflowed = false;
    let bothPumps = false;
    let meterAtPeak = 0;
    for (let minute = 0; minute < 90; minute++) {
      run(new Date(Date.parse('2025-06-18T05:00:00+02:00') + minute * 60_000).toISOString(), 60, 5);
      overflowed ||= plc.readPointValue('overflow') === 1;
      if (plc.readPointValue('pump1_running') && plc.readPointValue('pump2_running')) {
        bothPumps = true;
        meterAtPeak = Math.max(meterAtPeak, meter.readPointValue('total_power'));
      }
    }
    expect(overflowed).toBe(true);
    expect(bothPumps).toBe(true);
    expect(meterAtPeak).toBeGreaterThan(17_000);
    expect(gauge.readPointValue('rain_today')).toBeGreaterThan(10);
  });

  it('a street-light cabinet dims at night, obeys an operator and hands back to its schedule', () => {
    const { byId, run } = cabinetOf('cab-rokin');
    const segment = byId('rokin-1-light-controller');
    run('2025-12-21T22:00:00+01:00', 120);
    expect([20, 100]).toContain(segment.readPointValue('dim_level'));
    expect(segment.readPointValue('control_mode')).toBe(0);
    expect(segment.readPointValue('lamp_count')).toBe(14);
    expect(segment.readPointValue('lamp_power')).toBeGreaterThan(0);

    segment.write('holding-register', 0, [60]);
    run('2025-12-21T22:02:00+01:00', 30);
    expect(segment.readPointValue('dim_level')).toBe(60);
    expect(segment.readPointValue('control_mode')).toBe(1);
    const lamps = 14 - segment.readPointValue('failed_lamps');
    expect(segment.readPointValue('lamp_power')).toBeCloseTo(lamps * 40 * 0.6, -1);
    expect(() => segment.write('holding-register', 1, [2])).toThrow(ModbusException);

    segment.write('holding-register', 1, [0]);
    run('2025-12-21T22:03:00+01:00', 30);
    expect(segment.readPointValue('control_mode')).toBe(0);
    expect([20, 100]).toContain(segment.readPointValue('dim_level'));
    run('2025-12-22T12:00:00+01:00', 30);
    expect(segment.readPointValue('dim_level')).toBe(0);
    expect(segment.readPointValue('lamp_power')).toBe(0);
  });

  it('an A10 cabinet reports lanes that add up, and collapses when an incident is triggered', () => {
    const { byId, run } = cabinetOf('cab-a10-west');
    const loop = byId('a10-west-loop-controller');
    run('2025-06-18T08:00:00+02:00', 300);
    const lanes = [1, 2, 3].map((lane) => loop.readPointValue(`lane${lane}_flow`));
    expect(Math.abs(lanes.reduce((a, b) => a + b, 0) - loop.readPointValue('flow'))).toBeLessThan(10);
    expect(loop.readPointValue('speed')).toBeGreaterThan(50);
    expect(loop.trigger({ kind: 'incident', lanesBlocked: 1 })).toBe(true);
    run('2025-06-18T08:05:00+02:00', 900);
    expect(loop.readPointValue('speed')).toBeLessThan(35);
    expect(loop.readPointValue('occupancy')).toBeGreaterThan(30);
    expect(byId('a10-west-hrl-loop-controller').readPointValue('speed')).toBeGreaterThan(50);
  });

  it('an air station reports O3, temperature and humidity, and flags its nightly calibration', () => {
    const { byId, run } = cabinetOf('cab-stadhouderskade');
    const station = byId('stadhouderskade-aq-logger');
    const status = findPoint(
      findCabinet(city, 'cab-stadhouderskade').devices[0]?.profile ?? fail(),
      'status_word',
    );
    run('2025-06-18T02:00:00+02:00', 300);
    expect(setBitNames(status, station.readPointValue('status_word'))).toEqual(['calibration_running']);
    run('2025-06-18T14:00:00+02:00', 300);
    expect(station.readPointValue('status_word')).toBe(0);
    expect(station.readPointValue('o3')).toBeGreaterThan(20);
    expect(station.readPointValue('temperature')).toBeGreaterThan(10);
    expect(station.readPointValue('humidity')).toBeLessThan(95);
  });
});

function fail(): never {
  throw new Error('demo city lost a device');
}

describe('a demo cabinet over a real socket', () => {
  const clients: ModbusRTU[] = [];
  afterAll(async () => {
    for (const client of clients) await new Promise((resolve) => client.close(resolve));
  });

  it('serves discrete inputs, uint32 counters and enums of the pumping station to a Modbus master', async () => {
    const cabinet = findCabinet(city, 'cab-osdorp');
    const running = await startCabinet(cabinet, { port: 0, clock: () => Date.parse('2025-06-18T08:00:00Z') });
    try {
      const client = new ModbusRTU();
      clients.push(client);
      await client.connectTCP(running.host, { port: running.port });
      client.setTimeout(2000);
      client.setID(1);
      const bits = await client.readDiscreteInputs(0, 6);
      expect(bits.data.slice(0, 6).every((bit) => typeof bit === 'boolean')).toBe(true);
      const profile = cabinet.devices[0]?.profile ?? fail();
      const hours = findPoint(profile, 'pump2_run_hours');
      const words = await client.readInputRegisters(hours.address, registerCount(hours));
      expect(decodePoint(hours, words.data)).toBe(
        running.readPointValue('osdorp-pump-plc', 'pump2_run_hours'),
      );
      const mode = await client.readInputRegisters(findPoint(profile, 'pump1_mode').address, 1);
      expect(mode.data).toEqual([1]);
      client.setID(3);
      const power = findPoint(cabinet.devices[2]?.profile ?? fail(), 'total_power');
      const meterWords = await client.readInputRegisters(power.address, 2);
      expect(decodePoint(power, meterWords.data)).toBeGreaterThan(100);
    } finally {
      await running.stop();
    }
  });
});
