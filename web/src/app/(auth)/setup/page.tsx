import { getTranslations } from 'next-intl/server';
import { SetupForm } from '../../../sign-in/SetupForm';
import { AuthCard, authPageMetadata } from '../auth-card';
import { firstOf, type SearchParams } from '../search-params';

export const generateMetadata = () => authPageMetadata('setup');

/** The first start: the link the server printed carries `?token=`; without it there is nothing to do. */
export default async function SetupPage({ searchParams }: { searchParams: SearchParams }) {
  const [params, t] = await Promise.all([searchParams, getTranslations('setup')]);
  const token = firstOf(params.token)?.trim();
  return (
    <AuthCard page="setup" intro={Boolean(token)}>
      {token ? (
        <SetupForm token={token} />
      ) : (
        <p className="form-error" role="alert">
          {t('noToken')}
        </p>
      )}
    </AuthCard>
  );
}
