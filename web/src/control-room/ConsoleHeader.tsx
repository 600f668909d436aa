'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { AdminNav } from '../admin/AdminNav';
import { useLink } from '../data/realtime/RealtimeProvider';
import { useSession } from '../data/use-session';
import { HeaderSearch } from '../search/HeaderSearch';
import { AUTH_ROUTES, LOGIN_PAGE } from '../shared/auth-contract';
import { Brand } from '../ui/Brand';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Clock } from './Clock';
import { ConsoleNav } from './ConsoleNav';
import { LinkStatus } from './LinkStatus';

/** The console's top bar: the city, the link, the time, and who is signed in as what. */
export function ConsoleHeader() {
  return (
    <header className="topbar">
      <div className="topbar-left">
        <Brand />
        <ConsoleNav />
        <AdminNav />
      </div>
      <div className="topbar-right">
        <HeaderSearch />
        <HeaderLinkStatus />
        <Clock />
        <SignedInUser />
        <LanguageSwitch />
        <LogoutButton />
      </div>
    </header>
  );
}

function HeaderLinkStatus() {
  return <LinkStatus link={useLink()} />;
}

function SignedInUser() {
  const t = useTranslations('header');
  const roles = useTranslations('roles');
  const state = useSession();
  const view = state.status === 'signed-in' || state.status === 'signed-out' ? state.view : null;
  return (
    <section className="session-user" aria-label={t('user')} data-testid="session-user">
      {view ? (
        <>
          <span className="session-name" data-testid="session-name">
            {view.user.displayName}
          </span>
          <span className="session-role" data-testid="session-role" data-role={view.user.role}>
            {roles(view.user.role)}
          </span>
        </>
      ) : (
        <span className="session-role">{state.status === 'loading' ? t('loading') : t('unknown')}</span>
      )}
    </section>
  );
}

/** POST logout, then the sign-in page; a refusal or lost link says so instead of doing nothing. */
function LogoutButton() {
  const t = useTranslations('header');
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function logout() {
    setPending(true);
    setFailed(false);
    try {
      const response = await fetch(AUTH_ROUTES.logout, { method: 'POST', credentials: 'same-origin' });
      // 401: the session was over already, which is where logging out leads anyway.
      if (response.ok || response.status === 401) {
        window.location.assign(LOGIN_PAGE);
        return;
      }
    } catch {
      // reported below
    }
    setPending(false);
    setFailed(true);
  }

  return (
    <div className="logout">
      <button
        type="button"
        className="button button-secondary"
        onClick={() => void logout()}
        disabled={pending}
        aria-describedby={failed ? 'logout-error' : undefined}
      >
        {pending ? t('loggingOut') : t('logout')}
      </button>
      {failed && (
        <p className="logout-error" id="logout-error" role="alert">
          {t('logoutFailed')}
        </p>
      )}
    </div>
  );
}
