'use client';
import type { Permission } from '@city/domain';
import { type ReactNode, useEffect, useSyncExternalStore } from 'react';
import { type PermissionCheck, permissionOf, type SessionState, session } from './session';

/**
 * Asks the server who is signed in when a screen opens. Put it once around the screens that need a
 * session (the (console) layout; later (wall) and (field)); below it, read with useSession and
 * usePermission.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  useEffect(() => {
    void session.load();
    return () => session.stop();
  }, []);
  return children;
}

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState, session.getServerState);
}

/**
 * May the signed-in user use a control? `{ allowed: false, reason }` says why not, for the control's
 * disabled state: the message is `permission.<reason>` (with `{role}` for 'role').
 */
export function usePermission(permission: Permission): PermissionCheck {
  return permissionOf(useSession(), permission);
}
