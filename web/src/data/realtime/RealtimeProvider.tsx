'use client';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useSyncExternalStore } from 'react';
import type { AlarmState } from './alarm-store';
import type { LinkState } from './link-store';
import { RealtimeClient } from './realtime-client';
import type { TelemetryState } from './telemetry-store';

const RealtimeContext = createContext<RealtimeClient | null>(null);

/**
 * One realtime connection per tab, opened by the (console) layout: every route reads the same stores,
 * and moving between routes keeps the socket. After a reconnect, server state that may have changed
 * meanwhile (the asset catalog, journals) is refetched.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const client = tabClient();
  const queryClient = useQueryClient();
  useEffect(() => {
    const off = client.onReconnect(() => void queryClient.invalidateQueries());
    client.start();
    return () => {
      off();
      client.stop();
    };
  }, [client, queryClient]);
  return <RealtimeContext value={client}>{children}</RealtimeContext>;
}

let browserClient: RealtimeClient | undefined;

/**
 * The tab's client, made once per module (a first render React throws away would otherwise open a
 * socket for nothing) and connecting as soon as it is made, while the page still hydrates, so the
 * snapshot is under way when the map asks. Server renders get one that never connects.
 */
function tabClient(): RealtimeClient {
  if (typeof window === 'undefined') return new RealtimeClient();
  if (!browserClient) {
    browserClient = new RealtimeClient();
    browserClient.start();
  }
  return browserClient;
}

export function useRealtime(): RealtimeClient {
  const client = useContext(RealtimeContext);
  if (!client) throw new Error('realtime hooks need a RealtimeProvider above them (the (console) layout)');
  return client;
}

export function useTelemetry(): TelemetryState {
  const { telemetry } = useRealtime();
  return useSyncExternalStore(telemetry.subscribe, telemetry.getState, telemetry.getInitialState);
}

export function useAlarms(): AlarmState {
  const { alarms } = useRealtime();
  return useSyncExternalStore(alarms.subscribe, alarms.getState, alarms.getInitialState);
}

export function useLink(): LinkState {
  const { link } = useRealtime();
  return useSyncExternalStore(link.subscribe, link.getState, link.getInitialState);
}

/** The link's status alone: a component that only needs it is not re-rendered by every received frame. */
export function useLinkStatus(): LinkState['status'] {
  const { link } = useRealtime();
  return useSyncExternalStore(
    link.subscribe,
    () => link.getState().status,
    () => link.getInitialState().status,
  );
}
