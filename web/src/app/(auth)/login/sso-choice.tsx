import { getTranslations } from 'next-intl/server';
import { OIDC_ROUTES, SSO_REFUSALS, type SsoRefusal } from '../../../shared/auth-contract';

/** `?sso=` as one of the reasons single sign-on gives, or undefined. */
export function ssoRefusal(value: string | undefined): SsoRefusal | undefined {
  return SSO_REFUSALS.find((reason) => reason === value);
}

/**
 * The single sign-on button (when the server has a provider) above the password form, and why a
 * sign-in through it came back refused. A plain link, not a form: the start route redirects to the
 * provider, and the CSP's form-action 'self' would stop a form's redirect to another site.
 */
export async function SsoChoice({
  provider,
  next,
  refusal,
}: {
  provider: string | undefined;
  next: string;
  refusal: SsoRefusal | undefined;
}) {
  const t = await getTranslations('login');
  return (
    <div className="auth-sso">
      {refusal && (
        <p className="form-error" role="alert" data-testid="sso-error">
          {t(`sso-${refusal}`)}
        </p>
      )}
      {provider && (
        <>
          <a className="button button-primary" href={`${OIDC_ROUTES.start}?next=${encodeURIComponent(next)}`}>
            {t('sso', { name: provider })}
          </a>
          <p className="auth-sso-or">{t('ssoOr')}</p>
        </>
      )}
    </div>
  );
}
