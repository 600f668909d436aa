/**
 * What the admin screens need to know of the admin API besides its tRPC types: the CSV route and the
 * limits the server enforces, so a form can say them before the server refuses. Browser-safe:
 * constants only. The procedures are `admin.*` on the tRPC router (see AppRouter).
 */

/** GET ?from&to&user&action (ISO times; empty means any) → text/csv, newest first. Needs 'audit.read'. */
export const AUDIT_CSV_PATH = '/api/audit.csv';

/** The longest period one audit query or export covers, in days. */
export const AUDIT_MAX_DAYS = 31;
/** The most rows one page of `admin.audit.list` carries. */
export const AUDIT_PAGE_MAX = 500;

/** Bounds of `admin.retention.set`, in days (null = keep for ever, where allowed). */
export const RETENTION_LIMITS = {
  auditDays: { min: 365, max: 3_650 },
  rawDays: { min: 1, max: 3_650 },
  hourDays: { min: 7, max: 36_500 },
} as const;

/** How long an invitation link and a wall display's pairing code stay usable, in seconds. */
export const INVITE_VALID_S = 3 * 86_400;
export const PAIRING_VALID_S = 15 * 60;

/** Headers on a signed webhook delivery: the receiver recomputes HMAC-SHA256(secret, `${timestamp}.${body}`). */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-city-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'x-city-signature';
