import * as client from 'openid-client';
import { OIDC_ROUTES } from '../../shared/auth-contract';
import type { OidcOptions } from './oidc-options';

/**
 * How long after the person typed their password at the provider a re-authentication still counts.
 * The provider stamps auth_time when they sign in there; consent or a second factor may come after.
 */
export const REAUTH_MAX_AGE_S = 120;

/** A sign-in under way: what the callback must see again. Kept in the browser's flow cookie. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  /** The PKCE code verifier; the provider saw only its S256 challenge. */
  verifier: string;
  /** Where to go afterwards: a same-origin path, checked before it was put here. */
  next: string;
  /** For a re-authentication: the hex id hash of the session to refresh; null for a sign-in. */
  reauth: string | null;
}

/** Who the provider says signed in. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** ID token claims, with the UserInfo endpoint's where the ID token lacks the role claim. */
  claims: Record<string, unknown>;
  /** When the person signed in at the provider (auth_time), if it says. */
  authTime: Date | undefined;
}

/**
 * The relying party: our client at the city's provider. Discovery happens on the first sign-in, not
 * at boot, so the control room starts (and password sign-in works) while the provider is down; a
 * failed discovery is tried again on the next sign-in.
 */
export class OidcClient {
  readonly redirectUri: string;
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly options: OidcOptions,
    publicUrl: string,
  ) {
    this.redirectUri = new URL(OIDC_ROUTES.callback, publicUrl).href;
  }

  /** A fresh state, nonce and PKCE verifier, and the provider's URL to send the browser to. */
  async begin(next: string, reauth: string | null): Promise<{ url: URL; pending: PendingSignIn }> {
    const config = await this.config();
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      next,
      reauth,
    };
    const parameters: Record<string, string> = {
      redirect_uri: this.redirectUri,
      scope: this.options.scopes,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    };
    // A provider's own session would otherwise sign the person in silently: ask for the password again.
    if (reauth) Object.assign(parameters, { prompt: 'login', max_age: '0' });
    return { url: client.buildAuthorizationUrl(config, parameters), pending };
  }

  /**
   * Checks the provider's answer (state, then the code exchanged with the PKCE verifier, then the ID
   * token's signature, issuer, audience and nonce, and for a re-authentication its auth_time) and
   * answers who signed in. Throws on anything that does not check out.
   */
  async finish(query: URLSearchParams, pending: PendingSignIn): Promise<OidcIdentity> {
    const config = await this.config();
    const current = new URL(this.redirectUri);
    current.search = query.toString();
    const tokens = await client.authorizationCodeGrant(config, current, {
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      pkceCodeVerifier: pending.verifier,
      maxAge: pending.reauth ? REAUTH_MAX_AGE_S : undefined,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('the provider sent no ID token');
    let claims: Record<string, unknown> = { ...idToken };
    // Many providers put group and role claims only in UserInfo for the code flow.
    const top = this.options.roleClaim.split('.')[0] ?? '';
    if (!(top in idToken) && config.serverMetadata().userinfo_endpoint) {
      const userInfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
      claims = { ...userInfo, ...idToken };
    }
    return {
      issuer: idToken.iss,
      subject: idToken.sub,
      claims,
      authTime: typeof idToken.auth_time === 'number' ? new Date(idToken.auth_time * 1000) : undefined,
    };
  }

  private config(): Promise<client.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  private discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret } = this.options;
    const insecure = new URL(issuer).protocol === 'http:'; // loopback only, checked with the env
    return client.discovery(
      new URL(issuer),
      clientId,
      undefined,
      clientSecret ? client.ClientSecretPost(clientSecret) : client.None(),
      { execute: insecure ? [client.allowInsecureRequests] : [], timeout: 10 },
    );
  }
}
