import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { RequestGuard } from './request-guard';

/** The CSP a page gets; the response is a plain header store, as Node's would be for these calls. */
function pageCsp(guard: RequestGuard): string {
  const headers = new Map<string, string>();
  const res = { setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value) };
  guard.secureHeaders(res as unknown as ServerResponse, { headers: {} } as IncomingMessage);
  return headers.get('content-security-policy') ?? '';
}

describe("a page's Content-Security-Policy", () => {
  it('lets the page fetch from this server only', () => {
    const csp = pageCsp(new RequestGuard({}));
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("img-src 'self' data: blob:;");
  });

  it("adds a configured base map's tile and style origins, and no others", () => {
    const csp = pageCsp(
      new RequestGuard({ mapOrigins: ['https://tiles.city.example', 'https://fonts.city.example'] }),
    );
    expect(csp).toContain("connect-src 'self' https://tiles.city.example https://fonts.city.example;");
    expect(csp).toContain(
      "img-src 'self' data: blob: https://tiles.city.example https://fonts.city.example;",
    );
    expect(csp).toContain("script-src 'self' 'nonce-");
    expect(csp).not.toMatch(/script-src[^;]*tiles\.city\.example/);
  });
});
