/**
 * For single sign-on tests: a real OpenID provider (oidc-provider, a certified implementation) on a
 * loopback port, and a small browser that follows redirects, keeps cookies and submits forms, so a
 * test walks the authorization code flow as a person's browser does. Not for production code:
 * oidc-provider is a devDependency.
 */
import { createServer, type Server } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  /** What the person types at the provider's login form; also their subject. */
  login: string;
  name: string;
  roles: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/** A free TCP port on loopback, for a server whose URL must be known before it starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe: Server = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface TestProviderOptions {
  /**
   * The name the issuer URL uses; it always listens on 127.0.0.1. Default 127.0.0.1. A browser test
   * gives 'localhost' to a control room on 127.0.0.1, so the two are different sites, as a real
   * provider and the control room are, and SameSite decides which cookie travels on the way back.
   */
  hostname?: 'localhost' | '127.0.0.1';
}

/**
 * The provider with one confidential client (PKCE required, our redirect URI only), the accounts
 * given, their `roles` claim behind the `roles` scope, and oidc-provider's development login and
 * consent pages (any password is accepted: the test is about our side of the flow).
 */
export async function startTestProvider(
  redirectUri: string,
  accounts: TestAccount[],
  { hostname = '127.0.0.1' }: TestProviderOptions = {},
): Promise<TestProvider> {
  const port = await freePort();
  const issuer = `http://${hostname}:${port}`;
  const clientId = 'control-room';
  const clientSecret = 'a-test-client-secret-of-some-length';
  const byLogin = new Map(accounts.map((account) => [account.login, account]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
        // auth_time in every ID token, as Keycloak and ADFS send it: it says how fresh a sign-in is.
        require_auth_time: true,
      },
    ],
    pkce: { methods: ['S256'], required: () => true },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], roles: ['roles'] },
    scopes: ['openid', 'profile', 'roles'],
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['a-test-cookie-signing-key'] },
    async findAccount(_ctx, id) {
      const account = byLogin.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, name: account.name, preferred_username: id, roles: account.roles }),
      };
    },
  });
  const server = provider.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Page {
  url: string;
  status: number;
  body: string;
}

/**
 * A browser, as far as the flow needs one: a cookie jar per host (cookies ignore the port, as in a
 * browser), redirects and our meta-refresh page followed, forms submitted. Cookie attributes other
 * than Max-Age are not modelled: what SameSite does is a browser's business, not this test's.
 */
export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  cookie(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).hostname)?.get(name);
  }

  /** Goes to `url` and on, until a page that is not a redirect, or one `stop` says to stop at. */
  async go(url: string, stop: (next: URL) => boolean = () => false): Promise<Page> {
    let current = url;
    for (let hop = 0; hop < 20; hop++) {
      const page = await this.request(current);
      const next = page.location ?? metaRefresh(page.body);
      if (!next) return page;
      const target = new URL(next, current);
      if (stop(target)) return { ...page, url: target.href };
      current = target.href;
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }

  /** Fills in and submits the page's first form, then follows where it leads. */
  async submit(
    page: Page,
    fields: Record<string, string> = {},
    stop?: (next: URL) => boolean,
  ): Promise<Page> {
    const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(page.body);
    if (!form?.[1]) throw new Error(`no form on ${page.url}: ${page.body.slice(0, 300)}`);
    const body = new URLSearchParams();
    for (const [input] of (form[2] ?? '').matchAll(/<input[^>]*>/g)) {
      const name = /name="([^"]+)"/.exec(input)?.[1];
      if (name) body.set(name, /value="([^"]*)"/.exec(input)?.[1] ?? '');
    }
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    const action = new URL(form[1].replace(/&amp;/g, '&'), page.url).href;
    const answer = await this.request(action, body);
    if (!answer.location) return answer;
    return this.go(new URL(answer.location, action).href, stop);
  }

  private async request(url: string, form?: URLSearchParams): Promise<Page & { location?: string }> {
    const { hostname, origin } = new URL(url);
    const cookies = [...(this.jar.get(hostname) ?? [])].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { ...(cookies ? { cookie: cookies } : {}), ...(form ? { origin } : {}) },
      ...(form ? { body: form } : {}),
    });
    this.keep(hostname, response.headers.getSetCookie());
    const location = response.headers.get('location') ?? undefined;
    return { url, status: response.status, body: await response.text(), ...(location ? { location } : {}) };
  }

  private keep(hostname: string, setCookies: string[]): void {
    const jar = this.jar.get(hostname) ?? new Map<string, string>();
    this.jar.set(hostname, jar);
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const gone = attributes.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a),
      );
      if (gone || pair.slice(eq + 1) === '') jar.delete(name);
      else jar.set(name, pair.slice(eq + 1).trim());
    }
  }
}

function metaRefresh(body: string): string | undefined {
  return /<meta http-equiv="refresh" content="0;url=([^"]+)"/.exec(body)?.[1]?.replace(/&amp;/g, '&');
}
