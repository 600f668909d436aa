'use client';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { useSession } from '../data/use-session';
import { LOGIN_PAGE } from '../shared/auth-contract';

/**
 * Covers the screen once the session has ended (socket 'session-ended', handshake refused, any 401),
 * so frozen values never pass for live ones. A modal <dialog>: the page behind it is inert, Escape
 * does not close it, and if the browser closes it anyway it opens again. The only way on is to sign in.
 */
export function SignedOutDialog() {
  const t = useTranslations('signedOut');
  const state = useSession();
  const pathname = usePathname();
  const dialog = useRef<HTMLDialogElement>(null);
  const signedOut = state.status === 'signed-out';

  useEffect(() => {
    if (signedOut && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [signedOut]);

  if (!signedOut) return null;
  return (
    <dialog
      ref={dialog}
      className="signed-out"
      role="alertdialog"
      aria-labelledby="signed-out-title"
      aria-describedby="signed-out-text"
      data-testid="signed-out"
      onCancel={(event) => event.preventDefault()}
      onClose={() => dialog.current?.showModal()}
    >
      <h2 className="signed-out-title" id="signed-out-title">
        {t('title')}
      </h2>
      <p className="signed-out-text" id="signed-out-text">
        {t(state.reason)}
      </p>
      <p className="signed-out-note">{t('frozen')}</p>
      <a className="button button-primary" href={`${LOGIN_PAGE}?next=${encodeURIComponent(pathname)}`}>
        {t('signIn')}
      </a>
    </dialog>
  );
}
