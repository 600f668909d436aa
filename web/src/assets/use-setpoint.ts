'use client';
import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC, useTRPCClient } from '../data/trpc';
import { type CommandStatus, isFinished, reauthOf } from './setpoint';
import { reauthenticateAtProvider } from './setpoint-api';

/** The command as the page follows it; times are left out (they cross the wire as strings). */
export interface FollowedCommand {
  id: number;
  value: number;
  status: CommandStatus;
  readBack: number | null;
  outcome: string | null;
}

export type Refusal = { kind: 'reauth-impossible' } | { kind: 'server'; message: string };

/** How often a pending command is asked after: the gateway picks commands up within a second or two. */
const POLL_MS = 1_000;

/**
 * Sends one channel's setpoints and follows the last one until the gateway finishes it: pending, then
 * confirmed with the read-back, rejected with the reason, failed, or expired. A refusal for want of a
 * fresh sign-in opens the password step (`needsPassword`) or leaves for the identity provider.
 */
export function useSetpoint(channelId: string) {
  const trpc = useTRPC();
  // The tab's client: a refusal asking for a fresh sign-in does not sign the screen out (session.ts).
  const client = useTRPCClient();
  const [commandId, setCommandId] = useState<number | null>(null);
  const [needsPassword, setNeedsPassword] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const mutation = useMutation({
    mutationFn: (value: number) => client.assets.setpoint.mutate({ channelId, value }),
    onMutate: () => setRefusal(null),
    onSuccess: (command) => setCommandId(command.id),
    onError: (error, value) => {
      const reauth = reauthOf(error);
      if (reauth === 'password') setNeedsPassword(value);
      else if (reauth === 'oidc') reauthenticateAtProvider();
      else if (reauth === null) setRefusal({ kind: 'reauth-impossible' });
      else setRefusal({ kind: 'server', message: error.message });
    },
  });

  const followed = useQuery({
    ...trpc.assets.setpointStatus.queryOptions(commandId === null ? skipToken : { id: commandId }),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status && isFinished(status) ? false : POLL_MS;
    },
    staleTime: 0,
  });

  const command: FollowedCommand | null = followed.data
    ? {
        id: followed.data.id,
        value: followed.data.value,
        status: followed.data.status,
        readBack: followed.data.readBack,
        outcome: followed.data.outcome,
      }
    : null;

  return {
    send: (value: number) =>
      mutation.mutateAsync(value).then(
        () => true,
        () => false,
      ),
    sending: mutation.isPending,
    command,
    refusal,
    /** The value waiting for the password step, or null. */
    needsPassword,
    /** After the password was confirmed: send the waiting value again. */
    retryAfterConfirm: () => {
      const value = needsPassword;
      setNeedsPassword(null);
      if (value !== null) void mutation.mutateAsync(value).catch(() => undefined);
    },
    cancelPassword: () => setNeedsPassword(null),
  };
}
