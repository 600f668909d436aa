'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../data/trpc';
import type { SavePlan } from './draft';
import type { SlotKind } from './limit-sets';
import { type ServerRefusal, serverRefusal } from './server-problems';

export type SaveOutcome =
  | { status: 'saved'; changed: number }
  /** The server refused one rule; those before it were saved (each save is its own audited change). */
  | { status: 'refused'; kind: SlotKind | null; refusal: ServerRefusal; changed: number };

/**
 * Saves a limit set rule by rule (alarms.rules.save / .delete: the engine applies each at once and
 * the server audits each), stopping at the first refusal, then refetches the rules.
 */
export function useSaveLimitSet() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.alarms.rules.save.mutationOptions());
  const remove = useMutation(trpc.alarms.rules.delete.mutationOptions());

  async function run(plan: SavePlan): Promise<SaveOutcome> {
    let changed = 0;
    try {
      for (const rule of plan.save) {
        try {
          await save.mutateAsync({ rule });
          changed++;
        } catch (error) {
          return { status: 'refused', kind: rule.kind as SlotKind, refusal: serverRefusal(error), changed };
        }
      }
      for (const id of plan.delete) {
        try {
          await remove.mutateAsync({ id });
          changed++;
        } catch (error) {
          return { status: 'refused', kind: null, refusal: serverRefusal(error), changed };
        }
      }
      return { status: 'saved', changed };
    } finally {
      if (changed > 0) await queryClient.invalidateQueries({ queryKey: trpc.alarms.rules.list.queryKey() });
    }
  }

  return { run, pending: save.isPending || remove.isPending };
}
