'use client';
import { useCallback, useState } from 'react';
import type { LimitSetDraft, SlotDraft } from './draft';
import type { SlotKind } from './limit-sets';

/** The editor's draft: one slot changed at a time, and back to where it started. */
export function useLimitSetDraft(initial: () => LimitSetDraft) {
  const [draft, setDraft] = useState(initial);
  const update = useCallback((kind: SlotKind, patch: Partial<SlotDraft>) => {
    setDraft((current) => ({
      ...current,
      slots: { ...current.slots, [kind]: { ...current.slots[kind], ...patch } },
    }));
  }, []);
  const reset = useCallback(() => setDraft(initial()), [initial]);
  return { draft, update, reset };
}
