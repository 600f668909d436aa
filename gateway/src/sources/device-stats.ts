/** What a device's health looks like from the gateway, whatever its protocol. */
export interface DeviceStats {
  /** Poll cycles (Modbus), or publishes and keep-alives heard (OPC UA): grows while the device lives. */
  polls: number;
  /** Failed cycles (Modbus), or lost connections and failed attempts (OPC UA). */
  failedPolls: number;
  lastPollMs: number | null;
  lastError: string | null;
}
