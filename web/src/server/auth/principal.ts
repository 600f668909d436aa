import type { AuditActor } from '@city/db';
import { type Permission, ROLE_PERMISSIONS, type SessionUser } from '@city/domain';

/** Where a request came from, as the server saw it (never as the body says). */
export interface RequestOrigin {
  address: string | null;
  userAgent: string | null;
}

/** The signed-in user behind a request or a socket: what every action runs as. */
export interface Principal {
  user: SessionUser;
  userId: number;
  idHash: Buffer;
  sessionRef: string;
  /** When the user last proved who they are (password or identity provider), epoch ms. */
  authenticatedAt: number;
  expiresAt: number;
  idleExpiresAt: number;
}

export function permissionsOf(principal: Principal): Permission[] {
  return [...ROLE_PERMISSIONS[principal.user.role]];
}

export function auditActor(principal: Principal, origin: RequestOrigin): AuditActor {
  return {
    name: principal.user.name,
    userId: principal.userId,
    role: principal.user.role,
    sessionRef: principal.sessionRef,
    address: origin.address,
    userAgent: origin.userAgent,
  };
}

/** An audit actor known by name only: no session, or one recorded before sessions existed. */
export function actorWithoutSession(name: string, origin?: RequestOrigin): AuditActor {
  return {
    name,
    userId: null,
    role: null,
    sessionRef: null,
    address: origin?.address ?? null,
    userAgent: origin?.userAgent ?? null,
  };
}
