import { AttributeIds, type ClientSession, DataType, type NodeId, StatusCodes } from 'node-opcua';
import { SetpointRefused } from '../../setpoints';

/** Write results that mean the server answered and said no; anything else is a failure to deliver. */
const REFUSALS = new Set<number>([
  StatusCodes.BadOutOfRange.value,
  StatusCodes.BadNotWritable.value,
  StatusCodes.BadUserAccessDenied.value,
  StatusCodes.BadTypeMismatch.value,
  StatusCodes.BadWriteNotSupported.value,
  StatusCodes.BadNodeIdUnknown.value,
]);

const INTEGER_TYPES = new Set<DataType>([
  DataType.SByte,
  DataType.Byte,
  DataType.Int16,
  DataType.UInt16,
  DataType.Int32,
  DataType.UInt32,
]);
const NUMBER_TYPES = new Set<DataType>([...INTEGER_TYPES, DataType.Float, DataType.Double, DataType.Boolean]);

/** The built-in type a DataType attribute names, when it names a number type directly (namespace 0). */
function builtInType(dataTypeNode: unknown): DataType | undefined {
  const node = dataTypeNode as NodeId | null | undefined;
  if (node?.namespace !== 0 || typeof node.value !== 'number') return undefined;
  return NUMBER_TYPES.has(node.value as DataType) ? (node.value as DataType) : undefined;
}

/**
 * Writes a number to a node as the node's own data type (so a Boolean gets true/false and an
 * integer a whole number), then reads it back. The type is the one the current value carries, or
 * else the node's DataType attribute.
 */
export async function writeAndReadBack(
  session: ClientSession,
  nodeId: string,
  value: number,
): Promise<number> {
  const [current, declared] = await session.read([
    { nodeId, attributeId: AttributeIds.Value },
    { nodeId, attributeId: AttributeIds.DataType },
  ]);
  if (current?.statusCode.value === StatusCodes.BadNodeIdUnknown.value) {
    throw new SetpointRefused(`the server has no node ${nodeId}: check the node id in the gateway config`);
  }
  const carried = current?.value.dataType;
  const dataType =
    carried !== undefined && NUMBER_TYPES.has(carried) ? carried : builtInType(declared?.value.value);
  if (dataType === undefined) {
    throw new SetpointRefused(`${nodeId} holds no number, so a setpoint cannot be written to it`);
  }
  if (dataType === DataType.Boolean && value !== 0 && value !== 1) {
    throw new SetpointRefused(`${nodeId} is a Boolean: write 0 or 1, not ${value}`);
  }
  if (INTEGER_TYPES.has(dataType) && !Number.isInteger(value)) {
    throw new SetpointRefused(`${nodeId} holds a whole number (${DataType[dataType]}): ${value} is not one`);
  }
  const variantValue = dataType === DataType.Boolean ? value === 1 : value;
  const written = await session.write({
    nodeId,
    attributeId: AttributeIds.Value,
    value: { value: { dataType, value: variantValue } },
  });
  if (!written.isGood()) {
    const reason = `the server answered ${written.name} to ${value} for ${nodeId}`;
    if (REFUSALS.has(written.value)) throw new SetpointRefused(reason);
    throw new Error(reason);
  }
  const readBack = await session.read({ nodeId, attributeId: AttributeIds.Value });
  if (!readBack.statusCode.isGood()) {
    throw new Error(`written, but the read-back of ${nodeId} came with ${readBack.statusCode.name}`);
  }
  return Number(readBack.value.value);
}
