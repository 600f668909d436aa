import type { ReauthPath } from '../shared/auth-contract';

/** The gateway's command states (db setpoints.ts), as the API sends them. */
export type CommandStatus = 'pending' | 'executing' | 'done' | 'failed' | 'rejected' | 'expired';

/** What the operator is told: waiting, or how it ended. 'done' is confirmed, with the read-back. */
export type SetpointPhase = 'pending' | 'confirmed' | 'rejected' | 'failed' | 'expired';

export function phaseOf(status: CommandStatus): SetpointPhase {
  switch (status) {
    case 'pending':
    case 'executing':
      return 'pending';
    case 'done':
      return 'confirmed';
    default:
      return status;
  }
}

/** A command in one of these states will not change again; polling stops. */
export const isFinished = (status: CommandStatus): boolean => phaseOf(status) !== 'pending';

export type SetpointCheck = 'ok' | 'empty' | 'below' | 'above' | 'no-range';

/**
 * The screen's check before it sends: inside the channel's write range. The server checks again and
 * decides; this only spares the operator a round trip for a value that cannot be taken.
 */
export function checkSetpoint(
  value: number | null,
  writeRange: readonly [number, number] | null | undefined,
) {
  if (!writeRange) return 'no-range' satisfies SetpointCheck;
  if (value === null || !Number.isFinite(value)) return 'empty' satisfies SetpointCheck;
  if (value < writeRange[0]) return 'below' satisfies SetpointCheck;
  if (value > writeRange[1]) return 'above' satisfies SetpointCheck;
  return 'ok' satisfies SetpointCheck;
}

/**
 * Whether a refused setpoint asks the operator to prove who they are again, and how: the server puts
 * `reauth` in the tRPC error's data ('password' or 'oidc'; null where this session cannot). Undefined
 * for every other refusal.
 */
export function reauthOf(error: unknown): ReauthPath | null | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const data = (error as { data?: { reauth?: unknown; code?: unknown } }).data;
  if (data?.code !== 'UNAUTHORIZED') return undefined;
  return data.reauth === 'password' || data.reauth === 'oidc' ? data.reauth : null;
}
