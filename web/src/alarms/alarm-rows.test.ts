import { describe, expect, it } from 'vitest';
import { NO_FILTER } from './alarm-filter';
import { alarmOf, assetOf, channelOf } from './alarm-fixtures';
import { alarmRows, shownValue } from './alarm-rows';

const catalog = {
  assetById: new Map([
    ['ps-buiksloterham', assetOf('ps-buiksloterham', 'sewer', 'Noord')],
    ['air-vondelpark', assetOf('air-vondelpark', 'air', 'Zuid')],
  ]),
  channels: [channelOf('ps-buiksloterham', 'level', 'buiksloterham-pump-plc')],
};

const wetWell = alarmOf({
  id: 'hh@ps-buiksloterham/level',
  channelId: 'ps-buiksloterham/level',
  priority: 1,
});
const no2 = alarmOf({ id: 'no2@air-vondelpark/no2', channelId: 'air-vondelpark/no2', priority: 2 });
const ids = (rows: { alarm: { id: string } }[]) => rows.map((row) => row.alarm.id);

describe('the alarm list', () => {
  it('puts the most urgent first, and the newest first within a priority', () => {
    const older = alarmOf({ id: 'a@x/1', channelId: 'x/1', priority: 3, activatedAt: 100 });
    const newer = alarmOf({ id: 'b@x/2', channelId: 'x/2', priority: 3, activatedAt: 200 });
    const critical = alarmOf({ id: 'c@x/3', channelId: 'x/3', priority: 1, activatedAt: 50 });
    expect(ids(alarmRows([older, newer, critical], catalog, NO_FILTER))).toEqual(['c@x/3', 'b@x/2', 'a@x/1']);
  });

  it('leaves normal alarms out: they are not alarms to an operator', () => {
    const normal = alarmOf({ id: 'n@x/1', channelId: 'x/1', active: false, acknowledged: true });
    expect(normal.state).toBe('normal');
    expect(ids(alarmRows([normal, no2], catalog, NO_FILTER))).toEqual([no2.id]);
  });

  it('filters by state, priority, layer and district together', () => {
    const acked = {
      ...wetWell,
      id: 'h@ps-buiksloterham/level',
      priority: 2 as const,
      state: 'acknowledged' as const,
      activatedAt: 5_000,
    };
    const all = [wetWell, no2, acked];
    expect(ids(alarmRows(all, catalog, { ...NO_FILTER, states: ['acknowledged'] }))).toEqual([acked.id]);
    expect(ids(alarmRows(all, catalog, { ...NO_FILTER, priorities: [2] }))).toEqual([acked.id, no2.id]);
    expect(ids(alarmRows(all, catalog, { ...NO_FILTER, layers: ['air'] }))).toEqual([no2.id]);
    expect(ids(alarmRows(all, catalog, { ...NO_FILTER, districts: ['Noord'], priorities: [1] }))).toEqual([
      wetWell.id,
    ]);
  });

  it('names the asset from the catalog and knows where it is', () => {
    const [row] = alarmRows([wetWell], catalog, NO_FILTER);
    expect(row?.subject).toEqual({
      assetId: 'ps-buiksloterham',
      name: 'Asset ps-buiksloterham',
      layer: 'sewer',
      district: 'Noord',
      comms: false,
    });
  });

  it('nests alarms suppressed by a silent device under its communications alarm', () => {
    const silent = alarmOf({
      id: 'device-silent@buiksloterham-pump-plc/comms',
      channelId: 'buiksloterham-pump-plc/comms',
    });
    silent.message = { ...silent.message, key: 'alarm.device-silent' };
    const behind = alarmOf({
      id: 'hh@ps-buiksloterham/level',
      channelId: 'ps-buiksloterham/level',
      priority: 1,
      suppressedBy: 'buiksloterham-pump-plc/comms',
    });
    expect(behind.state).toBe('suppressed');
    const rows = alarmRows([behind, silent, no2], catalog, NO_FILTER);
    // The priority-1 alarm behind the device does not head the list: the device's silence does.
    expect(ids(rows)).toEqual([silent.id, no2.id]);
    expect(ids(rows[0]?.suppressed ?? [])).toEqual([behind.id]);
    // A device's silence is shown where its points are, so the map can fly there.
    expect(rows[0]?.subject).toMatchObject({ assetId: 'ps-buiksloterham', district: 'Noord', comms: true });
    // The nested row knows what suppresses it (a screen reader is told; it sees no indent).
    expect(rows[0]?.suppressed[0]?.suppressor).toBe(rows[0]?.subject);
    expect(rows[0]?.suppressor).toBeNull();
    expect(rows[1]?.suppressor).toBeNull();
  });

  it('keeps a silent gateway in view under any layer or district filter, heading what it suppresses', () => {
    const gateway = alarmOf({
      id: 'gateway-silent@gw-noord/comms',
      channelId: 'gw-noord/comms',
      priority: 1,
    });
    gateway.message = { ...gateway.message, key: 'alarm.gateway-silent' };
    const behind = { ...wetWell, suppressedBy: 'gw-noord/comms', state: 'suppressed' as const };
    const rows = alarmRows([gateway, behind, no2], catalog, { ...NO_FILTER, layers: ['sewer'] });
    expect(ids(rows)).toEqual([gateway.id]);
    expect(ids(rows[0]?.suppressed ?? [])).toEqual([behind.id]);
    // Filtered to suppressed alarms only, the group still has its head.
    const onlySuppressed = alarmRows([gateway, behind], catalog, { ...NO_FILTER, states: ['suppressed'] });
    expect(ids(onlySuppressed)).toEqual([gateway.id]);
    expect(onlySuppressed[0]?.suppressed).toHaveLength(1);
  });

  it('lists a suppressed alarm on its own when its suppressor is not known', () => {
    const orphan = { ...wetWell, suppressedBy: 'gw-gone/comms', state: 'suppressed' as const };
    const rows = alarmRows([orphan], catalog, NO_FILTER);
    expect(ids(rows)).toEqual([orphan.id]);
    expect(rows[0]?.suppressor).toBeNull();
  });

  it('shows no value for a communications alarm: a silence measured nothing', () => {
    // The engine feeds a device's silence a 0 per reading heard, and a gateway's its buffer depth.
    const silent = alarmOf({ id: 'device-silent@plc/comms', channelId: 'plc/comms', value: 0 });
    const gateway = alarmOf({ id: 'gateway-silent@gw/comms', channelId: 'gw/comms', value: 412 });
    expect(shownValue(silent)).toBeNull();
    expect(shownValue(gateway)).toBeNull();
    expect(shownValue({ ...wetWell, value: 2.95 })).toBe(2.95);
    expect(shownValue({ ...wetWell, value: null })).toBeNull();
  });
});
