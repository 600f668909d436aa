import { describe, expect, it } from 'vitest';
import { journalSubjectsOf } from './journal-newest';

const source = (deviceId: string) => ({ gatewayId: 'gw-noord', deviceId, point: 'p' });

describe("an asset's journal subjects", () => {
  it('are its channels and the comms subject of each device feeding them, each once', () => {
    expect(
      journalSubjectsOf([
        { id: 'ps-buiksloterham/wet_well_level', source: source('buiksloterham-pump-plc') },
        { id: 'ps-buiksloterham/pump_1_running', source: source('buiksloterham-pump-plc') },
        { id: 'ps-buiksloterham/overflow', source: source('buiksloterham-level-logger') },
        { id: 'ps-buiksloterham/note', source: null },
      ]).sort(),
    ).toEqual([
      'buiksloterham-level-logger/comms',
      'buiksloterham-pump-plc/comms',
      'ps-buiksloterham/note',
      'ps-buiksloterham/overflow',
      'ps-buiksloterham/pump_1_running',
      'ps-buiksloterham/wet_well_level',
    ]);
  });
});
