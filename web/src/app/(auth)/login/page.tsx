import { LoginForm } from '../../../sign-in/LoginForm';
import { safeNextPath } from '../../../sign-in/next-path';
import { AuthCard, authPageMetadata } from '../auth-card';
import type { SearchParams } from '../search-params';

export const generateMetadata = () => authPageMetadata('login');

/** Where the server sends a signed-out browser, with `?next=` to return to. */
export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const { next } = await searchParams;
  return (
    <AuthCard page="login">
      <LoginForm next={safeNextPath(next)} />
    </AuthCard>
  );
}
