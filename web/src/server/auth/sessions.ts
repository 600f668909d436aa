import {
  type Database,
  findSession,
  findSessions,
  insertSession,
  markAuthenticated,
  type Queryable,
  revokeSession,
  revokeUserSessions,
  type SessionRecord,
  touchSessions,
  type UserRecord,
} from '@city/db';
import type { SessionEndReason } from '../../shared/auth-contract';
import type { Principal, RequestOrigin } from './principal';
import { hashToken, newToken, sessionRef } from './tokens';

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleTimeoutS: number;
  /** A session ends this long after sign-in, used or not. */
  absoluteTimeoutS: number;
  /** A paired wall display's session: long-lived, ended by revoking it. */
  displayTimeoutS: number;
}

export type SessionCheck = { ok: true; principal: Principal } | { ok: false; reason: SessionEndReason };

/** How long a checked session is believed without asking the database again; bounds how late a revocation made on another instance is seen here. */
const CHECK_CACHE_MS = 2_000;
const CACHE_LIMIT = 20_000;
/**
 * Sessions in use are looked up again in the background this often, all in one query, so a check
 * stays a map lookup however rarely a screen calls (a console refetches every few seconds or
 * minutes, never every 2 s). A session unused for KEEP_WARM_MS is let go: its next check asks.
 */
const REFRESH_EVERY_MS = 1_000;
const KEEP_WARM_MS = 10 * 60_000;
const REFRESH_LIMIT = 5_000;
/** Activity is written back in batches: a session's idle clock is accurate to this. */
const TOUCH_EVERY_MS = 15_000;

interface CacheEntry {
  check: SessionCheck;
  idHash: Buffer;
  /** When the database said so (epoch ms): an entry older than CHECK_CACHE_MS is not believed. */
  at: number;
  usedAt: number;
}

/**
 * Server-side sessions. The browser holds a random token; the database holds its SHA-256 with the
 * user, the timeouts and any revocation. A check costs a map lookup while it is cached (2 s), and
 * sessions in use are kept cached by one background query a second, so every tRPC call and socket
 * can be checked without a query of its own.
 */
export class SessionService {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly activity = new Map<string, { idHash: Buffer; at: Date }>();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly refresher: ReturnType<typeof setInterval>;
  private refreshing = false;

  constructor(
    private readonly db: Database,
    readonly policy: SessionPolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => void this.flushActivity().catch(() => undefined), TOUCH_EVERY_MS);
    this.timer.unref();
    // A failed refresh only costs speed: entries age past CHECK_CACHE_MS and checks ask themselves.
    this.refresher = setInterval(() => void this.refresh().catch(() => undefined), REFRESH_EVERY_MS);
    this.refresher.unref();
  }

  /**
   * Starts a session for a user who just proved who they are; returns the token for the cookie. Pass
   * the transaction that audits the sign-in, so a session never exists without its row.
   */
  async start(
    user: UserRecord,
    origin: RequestOrigin,
    tx: Queryable = this.db,
  ): Promise<{ token: string; principal: Principal }> {
    const token = newToken();
    const display = user.kind === 'display';
    const record = await insertSession(tx, {
      idHash: hashToken(token),
      userId: user.id,
      idleTimeoutS: display ? this.policy.displayTimeoutS : this.policy.idleTimeoutS,
      absoluteTimeoutS: display ? this.policy.displayTimeoutS : this.policy.absoluteTimeoutS,
      address: origin.address,
      userAgent: origin.userAgent?.slice(0, 500) ?? null,
    });
    const check = this.judge(record);
    if (!check.ok) throw new Error(`a new session is already ${check.reason}`);
    // The page that follows a sign-in finds the session cached.
    const now = this.now();
    this.remember(record.idHash.toString('hex'), { check, idHash: record.idHash, at: now, usedAt: now });
    return { token, principal: check.principal };
  }

  /** Who holds this token, or why nobody does. Records the use for the idle timeout. */
  async check(token: string | undefined): Promise<SessionCheck> {
    if (!token || token.length > 100) return { ok: false, reason: 'signed-out' };
    const idHash = hashToken(token);
    const key = idHash.toString('hex');
    const now = this.now();
    let cached = this.cache.get(key);
    if (!cached || now - cached.at > CHECK_CACHE_MS) {
      const record = await findSession(this.db, idHash);
      const check: SessionCheck = record ? this.judge(record) : { ok: false, reason: 'signed-out' };
      cached = { check, idHash, at: now, usedAt: now };
      this.remember(key, cached);
    }
    cached.usedAt = now;
    const { check } = cached;
    if (check.ok) {
      if (now > check.principal.idleExpiresAt || now > check.principal.expiresAt) {
        this.cache.delete(key);
        return { ok: false, reason: 'expired' };
      }
      this.activity.set(key, { idHash, at: new Date(now) });
    }
    return check;
  }

  /**
   * Checks many sessions in one query (the open sockets); returns those that ended, with why. An open
   * socket counts as use, so a screen that is only watched stays signed in until its absolute timeout.
   */
  async ended(idHashes: readonly Buffer[]): Promise<Map<string, SessionEndReason>> {
    const records = new Map(
      (await findSessions(this.db, idHashes)).map((r) => [r.idHash.toString('hex'), r]),
    );
    const ended = new Map<string, SessionEndReason>();
    for (const idHash of idHashes) {
      const key = idHash.toString('hex');
      const record = records.get(key);
      const check = record ? this.judge(record) : ({ ok: false, reason: 'revoked' } as const);
      if (!check.ok) ended.set(key, check.reason);
      else if (this.now() > check.principal.idleExpiresAt) ended.set(key, 'expired');
      // A console with its live view open is in use, even while nobody clicks: operators watch.
      else this.activity.set(key, { idHash, at: new Date(this.now()) });
    }
    return ended;
  }

  async end(principal: Principal, reason: string, tx: Queryable = this.db): Promise<void> {
    this.cache.delete(principal.idHash.toString('hex'));
    await revokeSession(tx, principal.idHash, reason);
  }

  /** Ends every session of a user but `keep` (password change, "sign out everywhere", disabled account). */
  async endAllOf(userId: number, reason: string, keep?: Principal, tx: Queryable = this.db): Promise<number> {
    for (const [key, { check }] of this.cache)
      if (check.ok && check.principal.userId === userId && check.principal !== keep) this.cache.delete(key);
    return revokeUserSessions(tx, userId, reason, keep?.idHash);
  }

  /** The user proved who they are again: now, or `at` (when the identity provider saw them sign in). */
  async markFresh(principal: Pick<Principal, 'idHash'>, tx: Queryable = this.db, at?: Date): Promise<void> {
    this.cache.delete(principal.idHash.toString('hex'));
    await markAuthenticated(tx, principal.idHash, at);
  }

  /** The live session with this id hash, for a caller that holds the hash but not the cookie (single sign-on's return). */
  async find(idHash: Buffer): Promise<Principal | undefined> {
    const record = await findSession(this.db, idHash);
    const check = record ? this.judge(record) : undefined;
    return check?.ok ? check.principal : undefined;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.refresher);
    await this.flushActivity().catch(() => undefined);
  }

  private judge(record: SessionRecord): SessionCheck {
    if (record.revokedAt !== null || record.userDisabled) return { ok: false, reason: 'revoked' };
    const lastSeen = Math.max(
      record.lastSeenAt.getTime(),
      this.activity.get(record.idHash.toString('hex'))?.at.getTime() ?? 0,
    );
    const principal: Principal = {
      user: { name: record.userName, displayName: record.displayName, role: record.role, kind: record.kind },
      userId: record.userId,
      idHash: record.idHash,
      sessionRef: sessionRef(record.idHash),
      authenticatedAt: record.authenticatedAt.getTime(),
      expiresAt: record.expiresAt.getTime(),
      idleExpiresAt: lastSeen + record.idleTimeoutS * 1000,
    };
    if (this.now() > principal.expiresAt || this.now() > principal.idleExpiresAt)
      return { ok: false, reason: 'expired' };
    return { ok: true, principal };
  }

  /**
   * Looks up every session in use again, in one query, and lets go of those unused for KEEP_WARM_MS
   * and of refusals past CHECK_CACHE_MS. A session missing from the answer was deleted: revoked.
   */
  private async refresh(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      const now = this.now();
      const warm: Buffer[] = [];
      for (const [key, entry] of this.cache) {
        const idle = now - entry.usedAt > KEEP_WARM_MS;
        if (idle || (!entry.check.ok && now - entry.at > CHECK_CACHE_MS)) this.cache.delete(key);
        else if (entry.check.ok && warm.length < REFRESH_LIMIT) warm.push(entry.idHash);
      }
      if (warm.length === 0) return;
      const records = new Map((await findSessions(this.db, warm)).map((r) => [r.idHash.toString('hex'), r]));
      for (const idHash of warm) {
        const key = idHash.toString('hex');
        const entry = this.cache.get(key);
        // Ended here meanwhile (gone), or looked up by a check after this query began (newer).
        if (!entry || entry.at > now) continue;
        const record = records.get(key);
        entry.check = record ? this.judge(record) : { ok: false, reason: 'revoked' };
        entry.at = now;
      }
    } finally {
      this.refreshing = false;
    }
  }

  private remember(key: string, entry: CacheEntry): void {
    if (this.cache.size >= CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(key, entry);
  }

  private async flushActivity(): Promise<void> {
    if (this.activity.size === 0) return;
    const seen = [...this.activity.values()];
    this.activity.clear();
    await touchSessions(this.db, seen);
  }
}
