'use client';
import { PasswordSchema, UserNameSchema } from '@city/db/domain';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { AUTH_ROUTES } from '../shared/auth-contract';
import { Field } from '../ui/Field';
import { useHydrated } from '../ui/use-hydrated';
import { type AuthFailure, postAuth } from './auth-client';

const ERROR_ID = 'setup-error';

type Problem =
  | { kind: 'name' | 'password-short' | 'password-long' | 'mismatch'; field: 'name' | 'password' | 'confirm' }
  | { kind: 'server'; failure: AuthFailure };

/** What is wrong before asking the server, with the same rules it applies (UserNameSchema, PasswordSchema). */
function check(name: string, password: string, confirm: string): Problem | null {
  if (!UserNameSchema.safeParse(name).success) return { kind: 'name', field: 'name' };
  const passwordCheck = PasswordSchema.safeParse(password);
  if (!passwordCheck.success)
    return { kind: password.length < 12 ? 'password-short' : 'password-long', field: 'password' };
  if (password !== confirm) return { kind: 'mismatch', field: 'confirm' };
  return null;
}

/**
 * The first administrator: name and password, from the one-time link (`?token=`) the server printed.
 * noValidate: `check` says what is wrong in the page's language, where the browser's bubbles would not.
 */
export function SetupForm({ token }: { token: string }) {
  const t = useTranslations('setup');
  const te = useTranslations('errors');
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const found = check(name, password, String(form.get('confirm') ?? ''));
    setProblem(found);
    if (found) return;
    setPending(true);
    const outcome = await postAuth(AUTH_ROUTES.setup, { token, name, password });
    if (outcome.ok) {
      window.location.assign('/');
      return;
    }
    setPending(false);
    setProblem({ kind: 'server', failure: outcome.failure });
  }

  const message = problem ? messageOf(problem) : null;
  function messageOf(found: Problem): string {
    switch (found.kind) {
      case 'name':
        return t('nameInvalid');
      case 'password-short':
        return t('passwordShort');
      case 'password-long':
        return t('passwordLong');
      case 'mismatch':
        return t('mismatch');
      case 'server': {
        const { failure } = found;
        if (failure.kind === 'network') return te('network');
        if (failure.kind === 'unexpected') return te('unexpected', { status: failure.status });
        if (failure.code === 'setup-invalid' || failure.code === 'password-rejected') return t(failure.code);
        if (failure.code === 'bad-request') return t('bad-request');
        return te('unexpected', { status: failure.code });
      }
    }
  }
  const invalid = (field: 'name' | 'password' | 'confirm') =>
    problem && (problem.kind === 'server' || problem.field === field) ? ERROR_ID : undefined;

  return (
    <form className="auth-form" method="post" noValidate onSubmit={(event) => void submit(event)}>
      <Field
        id="setup-name"
        name="name"
        label={t('name')}
        hint={t('nameHint')}
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        errorId={invalid('name')}
      />
      <Field
        id="setup-password"
        name="password"
        type="password"
        label={t('password')}
        hint={t('passwordHint')}
        autoComplete="new-password"
        required
        errorId={invalid('password')}
      />
      <Field
        id="setup-confirm"
        name="confirm"
        type="password"
        label={t('confirm')}
        autoComplete="new-password"
        required
        errorId={invalid('confirm')}
      />
      <p className="form-error" id={ERROR_ID} role="alert">
        {message}
      </p>
      <button className="button button-primary" type="submit" disabled={!hydrated || pending}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
