'use client';
import type { GatewayStatus } from '@city/domain';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../data/trpc';

const NONE: GatewayStatus[] = [];

/** The gateways' heartbeats, asked for every 5 s (they beat every 10 s): the cabinets layer's source. */
export function useGateways(enabled: boolean): GatewayStatus[] {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.gateways.status.queryOptions(), refetchInterval: 5_000, enabled });
  return query.data ?? NONE;
}
