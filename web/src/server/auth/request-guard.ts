import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestOrigin } from './principal';

/**
 * The checks every request passes before anything else: its Host is one of ours (no DNS rebinding),
 * and a request that changes something comes from one of our own pages (no cross-site request
 * forgery). Plus the headers every answer carries.
 */
export class RequestGuard {
  private readonly hosts: Set<string>;
  private readonly publicOrigin: string | undefined;
  private readonly trustProxy: boolean;
  private readonly dev: boolean;
  /** Where a configured base map's style, tiles and glyphs come from, besides this server. */
  private readonly mapOrigins: string;
  readonly secure: boolean;

  constructor(options: {
    publicUrl?: string | undefined;
    allowedHosts?: readonly string[] | undefined;
    trustProxy?: boolean | undefined;
    dev?: boolean;
    mapOrigins?: readonly string[] | undefined;
  }) {
    const publicUrl = options.publicUrl ? new URL(options.publicUrl) : undefined;
    this.hosts = new Set([
      ...(options.allowedHosts ?? []).map((host) => host.toLowerCase()),
      ...(publicUrl ? [publicUrl.host.toLowerCase()] : []),
    ]);
    this.publicOrigin = publicUrl?.origin;
    this.secure = publicUrl?.protocol === 'https:';
    this.trustProxy = options.trustProxy ?? false;
    this.dev = options.dev ?? false;
    this.mapOrigins = (options.mapOrigins ?? []).map((origin) => ` ${origin}`).join('');
  }

  /**
   * A Host we serve: a configured one, or loopback on any port. A DNS-rebinding page reaches us
   * under its own name, which is on neither list.
   */
  hostAllowed(req: IncomingMessage): boolean {
    const host = req.headers.host?.toLowerCase();
    if (host === undefined) return false;
    if (this.hosts.has(host)) return true;
    const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
    return name === 'localhost' || name === '127.0.0.1' || name === '[::1]';
  }

  /**
   * Whether a request that changes state comes from our own pages: an Origin of the same host (and
   * port) the request came to, or the public URL's; or, without an Origin, the browser's own word
   * (Sec-Fetch-Site: same-origin). Anything else, no header included, is refused.
   */
  sameSite(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (typeof origin === 'string' && origin !== 'null') return this.originAllowed(req);
    return req.headers['sec-fetch-site'] === 'same-origin';
  }

  /** The request's Origin is ours: same host as the request, or the public URL. */
  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (typeof origin !== 'string') return false;
    if (this.publicOrigin && origin.toLowerCase() === this.publicOrigin) return true;
    try {
      const url = new URL(origin);
      return (
        url.host === req.headers.host?.toLowerCase() &&
        (url.protocol === 'http:' || url.protocol === 'https:')
      );
    } catch {
      return false;
    }
  }

  originOf(req: IncomingMessage): RequestOrigin {
    const forwarded = this.trustProxy ? req.headers['x-forwarded-for'] : undefined;
    const first = typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
    const agent = req.headers['user-agent'];
    return {
      address: first || req.socket.remoteAddress || null,
      userAgent: typeof agent === 'string' ? agent.slice(0, 500) : null,
    };
  }

  /** Headers for every answer; for a page, also the CSP with a fresh nonce that Next puts on its scripts. */
  secureHeaders(res: ServerResponse, page?: IncomingMessage): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (this.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (!page) {
      res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    const csp = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'${this.dev ? " 'unsafe-eval'" : ''}`,
      // React renders style attributes; CSP cannot nonce those.
      "style-src 'self' 'unsafe-inline'",
      `img-src 'self' data: blob:${this.mapOrigins}`,
      "font-src 'self' data:",
      `connect-src 'self'${this.mapOrigins}`,
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ');
    // Next reads the nonce from the request's CSP header and sets it on every script it renders.
    page.headers['content-security-policy'] = csp;
    res.setHeader('Content-Security-Policy', csp);
  }
}
