'use client';
import { createContext, type ReactNode, useContext } from 'react';
import type { ControlRoomState } from '../data/control-room-store';
import { useControlRoom } from '../data/use-control-room';

const ControlRoomContext = createContext<ControlRoomState | null>(null);

/**
 * One realtime connection per tab, opened by the (console) layout: the header's link status and every
 * console route read the same store, and moving between routes keeps the socket.
 */
export function ControlRoomProvider({ children }: { children: ReactNode }) {
  const state = useControlRoom();
  return <ControlRoomContext value={state}>{children}</ControlRoomContext>;
}

export function useControlRoomState(): ControlRoomState {
  const state = useContext(ControlRoomContext);
  if (!state)
    throw new Error('useControlRoomState needs a ControlRoomProvider above it (the (console) layout)');
  return state;
}
