'use client';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from 'react';
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
  const [client] = useState(() => new RealtimeClient());
  const queryClient = useQueryClient();
  useEffect(() => {
    // The first connect finds only what this page load fetched a moment ago (the catalog is asked for
    // as the page renders); from the second on, the link was down and anything may have changed.
    let connects = 0;
    const off = client.onConnect(() => {
      connects += 1;
      if (connects > 1) void queryClient.invalidateQueries();
    });
    client.start();
    return () => {
      off();
      client.stop();
    };
  }, [client, queryClient]);
  return <RealtimeContext value={client}>{children}</RealtimeContext>;
}

export function useRealtime(): RealtimeClient {
  const client = useContext(RealtimeContext);
  if (!client) throw new Error('realtime hooks need a RealtimeProvider above them (the (console) layout)');
  return client;
}

export function useTelemetry(): TelemetryState {
  const { telemetry } = useRealtime();
  return useSyncExternalStore(telemetry.subscribe, telemetry.getState, telemetry.getState);
}

export function useAlarms(): AlarmState {
  const { alarms } = useRealtime();
  return useSyncExternalStore(alarms.subscribe, alarms.getState, alarms.getState);
}

export function useLink(): LinkState {
  const { link } = useRealtime();
  return useSyncExternalStore(link.subscribe, link.getState, link.getState);
}
