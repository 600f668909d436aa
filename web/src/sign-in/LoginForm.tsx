'use client';
import { useTranslations } from 'next-intl';
import { type FormEvent, useRef } from 'react';
import { AUTH_ROUTES } from '../shared/auth-contract';
import { Field } from '../ui/Field';
import { FormFooter } from './FormFooter';
import { useAuthSubmit, useFailureText } from './use-auth-submit';

const ERROR_ID = 'login-error';

/**
 * Name and password. Every refusal reads the same ("wrong name or password"), so the screen never
 * tells which of the two was wrong; only a lost connection or an unexpected answer reads differently.
 * noValidate: the browser's own bubbles speak the browser's language, not the page's; an empty field
 * gets the same generic answer from the server.
 */
export function LoginForm({ next }: { next: string }) {
  const t = useTranslations('login');
  const { failure, pending, disabled, send } = useAuthSubmit(next);
  const describe = useFailureText((code) => (code === 'forbidden-origin' ? undefined : t('login-failed')));
  const password = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const signedIn = await send(AUTH_ROUTES.login, {
      name: String(form.get('name') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    if (!signedIn && password.current) {
      password.current.value = '';
      password.current.focus();
    }
  }

  const message = describe(failure);
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
      <FormFooter
        errorId={ERROR_ID}
        message={message}
        disabled={disabled}
        pending={pending}
        submit={t('submit')}
        submitting={t('submitting')}
        testId="login-error"
      />
    </form>
  );
}
