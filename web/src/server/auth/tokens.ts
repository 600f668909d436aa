import { createHash, randomBytes } from 'node:crypto';

/** A secret for a browser to hold: 256 random bits, base64url; the server keeps only `hashToken` of it. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** How audit rows refer to a session: enough to tell sessions apart, useless to sign in with. */
export function sessionRef(idHash: Buffer): string {
  return idHash.subarray(0, 8).toString('hex');
}

/** A pairing code a person can type on a wall screen: 8 characters without look-alikes (0/O, 1/I/L). */
export function newPairingCode(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  const bytes = randomBytes(8);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

/** The cookie header's value for one name, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; 0 clears the cookie. */
  maxAgeS: number;
}

export function sessionCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
  parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeS))}`);
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
