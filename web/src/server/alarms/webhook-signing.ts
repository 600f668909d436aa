import { createHmac, timingSafeEqual } from 'node:crypto';

import {
  WEBHOOK_SIGNATURE_HEADER as SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER as TIMESTAMP_HEADER,
} from '../../shared/admin-contract';

/**
 * TIMESTAMP_HEADER: seconds since the epoch when the payload was signed; part of what is signed, so
 * a replay is visible. SIGNATURE_HEADER: `sha256=` and the hex HMAC-SHA256, keyed with the webhook's
 * secret, of `<timestamp>.<body>`.
 */
export { SIGNATURE_HEADER, TIMESTAMP_HEADER };

export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time. Here for tests and receivers' examples. */
export function verifySignature(secret: string, timestamp: string, body: string, given: string): boolean {
  const expected = Buffer.from(signature(secret, timestamp, body));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** POSTs a JSON payload, signed when the webhook has a secret; the answer as fetch gives it. */
export function postWebhook(
  url: string,
  payload: unknown,
  options: { secret?: string | null | undefined; timeoutMs: number },
): Promise<Response> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.secret) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    headers[TIMESTAMP_HEADER] = timestamp;
    headers[SIGNATURE_HEADER] = signature(options.secret, timestamp, body);
  }
  return fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(options.timeoutMs) });
}
