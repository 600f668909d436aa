import { DataChangeFilter, DataChangeTrigger, type DataValue, DeadbandType } from 'node-opcua';
import type { Deadband } from '../../config';

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** The server reports a change only past the point's deadband (OPC UA Part 4, DataChangeFilter). */
export function dataChangeFilter(deadband: Deadband | undefined): DataChangeFilter | null {
  if (!deadband) return null;
  return new DataChangeFilter({
    trigger: DataChangeTrigger.StatusValue,
    deadbandType: deadband.type === 'absolute' ? DeadbandType.Absolute : DeadbandType.Percent,
    deadbandValue: deadband.value,
  });
}

/** What a monitored item's DataValue says, in plain numbers, before it becomes a Reading. */
export function received(dataValue: DataValue) {
  return {
    value: dataValue.value?.value,
    statusCode: dataValue.statusCode.value,
    sourceTimeMs: dataValue.sourceTimestamp?.getTime(),
    serverTimeMs: dataValue.serverTimestamp?.getTime(),
  };
}
