'use client';
import { useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState } from 'react';
import { AUTH_ROUTES } from '../shared/auth-contract';
import { Field } from '../ui/Field';
import { useHydrated } from '../ui/use-hydrated';
import { type AuthFailure, postAuth } from './auth-client';

const ERROR_ID = 'login-error';

/**
 * Name and password. Every refusal reads the same ("wrong name or password"), so the screen never
 * tells which of the two was wrong; only a lost connection or an unexpected answer reads differently.
 * noValidate: the browser's own bubbles speak the browser's language, not the page's; an empty field
 * gets the same generic answer from the server.
 */
export function LoginForm({ next }: { next: string }) {
  const t = useTranslations('login');
  const te = useTranslations('errors');
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<AuthFailure | null>(null);
  const password = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setFailure(null);
    const outcome = await postAuth(AUTH_ROUTES.login, {
      name: String(form.get('name') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    if (outcome.ok) {
      // A full load, so the server sees the new cookie and the console opens its socket signed in.
      window.location.assign(next);
      return;
    }
    setPending(false);
    setFailure(outcome.failure);
    if (password.current) {
      password.current.value = '';
      password.current.focus();
    }
  }

  let message: string | null = null;
  if (failure?.kind === 'network') message = te('network');
  else if (failure?.kind === 'unexpected') message = te('unexpected', { status: failure.status });
  else if (failure?.kind === 'refused')
    message =
      failure.code === 'forbidden-origin' ? te('unexpected', { status: failure.code }) : t('login-failed');

  return (
    <form className="auth-form" method="post" noValidate onSubmit={(event) => void submit(event)}>
      <Field
        id="login-name"
        name="name"
        label={t('name')}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        errorId={message ? ERROR_ID : undefined}
      />
      <Field
        ref={password}
        id="login-password"
        name="password"
        type="password"
        label={t('password')}
        autoComplete="current-password"
        required
        errorId={message ? ERROR_ID : undefined}
      />
      <p className="form-error" id={ERROR_ID} role="alert" data-testid="login-error">
        {message}
      </p>
      <button className="button button-primary" type="submit" disabled={!hydrated || pending}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
