import { headers } from 'next/headers';
import { SSO_NAME_HEADER } from '../../../shared/auth-contract';
import { LoginForm } from '../../../sign-in/LoginForm';
import { safeNextPath } from '../../../sign-in/next-path';
import { AuthCard, authPageMetadata } from '../auth-card';
import { firstOf, type SearchParams } from '../search-params';
import { SsoChoice, ssoRefusal } from './sso-choice';

export const generateMetadata = () => authPageMetadata('login');

/** The identity provider's name, as the custom server passes it on (see SSO_NAME_HEADER). */
async function ssoProvider(): Promise<string | undefined> {
  const value = (await headers()).get(SSO_NAME_HEADER);
  try {
    return value ? decodeURIComponent(value) : undefined;
  } catch {
    return undefined;
  }
}

/** Where the server sends a signed-out browser, with `?next=` to return to, or `?sso=` when single sign-on refused. */
export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const { next, sso } = await searchParams;
  const target = safeNextPath(next);
  return (
    <AuthCard page="login">
      <SsoChoice provider={await ssoProvider()} next={target} refusal={ssoRefusal(firstOf(sso))} />
      <LoginForm next={target} />
    </AuthCard>
  );
}
