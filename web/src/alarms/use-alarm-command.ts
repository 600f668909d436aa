'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPC } from '../data/trpc';
import { type AlarmAction, type ShelveChoice, shelveRequest } from './alarm-actions';

export interface CommandInput {
  /** The note (acknowledge, shelve, unshelve) or the reason (out of service). */
  text: string;
  shelve: ShelveChoice;
}

/**
 * Sends an operator's action to the server, which does it as the signed-in user or refuses with a
 * reason (the promise rejects with the server's words). The alarm itself changes on screen through
 * the realtime store; only the journals are refetched here.
 */
export function useAlarmCommand(): (
  action: AlarmAction,
  alarmId: string,
  input: CommandInput,
) => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const acknowledge = useMutation(trpc.alarms.acknowledge.mutationOptions());
  const shelve = useMutation(trpc.alarms.shelve.mutationOptions());
  const unshelve = useMutation(trpc.alarms.unshelve.mutationOptions());
  const remove = useMutation(trpc.alarms.removeFromService.mutationOptions());
  const restore = useMutation(trpc.alarms.returnToService.mutationOptions());
  const { mutateAsync: ack } = acknowledge;
  const { mutateAsync: shelf } = shelve;
  const { mutateAsync: unshelf } = unshelve;
  const { mutateAsync: out } = remove;
  const { mutateAsync: back } = restore;

  return useCallback(
    async (action, alarmId, { text, shelve: choice }) => {
      const note = text.trim();
      switch (action) {
        case 'acknowledge':
          await ack({ alarmId, note });
          break;
        case 'shelve':
          await shelf({ alarmId, note, ...shelveRequest(choice) });
          break;
        case 'unshelve':
          await unshelf({ alarmId, ...(note ? { note } : {}) });
          break;
        case 'remove':
          await out({ alarmId, reason: note });
          break;
        case 'return':
          await back({ alarmId });
          break;
      }
      await queryClient.invalidateQueries({ queryKey: trpc.alarms.journal.queryKey() });
    },
    [ack, shelf, unshelf, out, back, queryClient, trpc],
  );
}
