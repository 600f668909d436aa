/**
 * Where a cabinet's OPC UA server answers and how its points are named there: shared by the
 * simulator that serves them and by whatever generates a gateway's config for them.
 */
export const opcUaEndpointOf = (host: string, port: number, cabinetId: string) =>
  `opc.tcp://${host}:${port}/city/${cabinetId}`;

/** The node id of a point: stable across restarts, readable in a client's browser. */
export const opcUaNodeIdOf = (deviceId: string, pointName: string) => `ns=1;s=${deviceId}.${pointName}`;
