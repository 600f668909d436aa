import { getTranslations } from 'next-intl/server';
import { SetupForm } from '../../../sign-in/SetupForm';
import { AuthCard, authPageMetadata } from '../auth-card';
import { firstOf, type SearchParams } from '../search-params';

export const generateMetadata = () => authPageMetadata('setup');

/**
 * The first start (the link the server printed carries `?token=`), or an invitation from an admin,
 * whose link also carries `&name=`: then the name is given and the page speaks to the invited person.
 */
export default async function SetupPage({ searchParams }: { searchParams: SearchParams }) {
  const [params, t] = await Promise.all([searchParams, getTranslations('setup')]);
  const token = firstOf(params.token)?.trim();
  const invited = firstOf(params.name)?.trim() || undefined;
  const heading = invited ? { title: t('invitedTitle'), intro: t('invitedIntro') } : undefined;
  return (
    <AuthCard page="setup" intro={Boolean(token)} heading={heading}>
      {token ? (
        <SetupForm token={token} invitedName={invited} />
      ) : (
        <p className="form-error" role="alert">
          {t('noToken')}
        </p>
      )}
    </AuthCard>
  );
}
