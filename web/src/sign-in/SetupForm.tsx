'use client';
import { PasswordSchema, UserNameSchema } from '@city/domain';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { AUTH_ROUTES } from '../shared/auth-contract';
import { Field } from '../ui/Field';
import { FormFooter } from './FormFooter';
import { useAuthSubmit, useFailureText } from './use-auth-submit';

const ERROR_ID = 'setup-error';

type SetupField = 'name' | 'password' | 'confirm';
/** What the form itself finds wrong before asking the server. */
type Problem = { kind: 'name' | 'password-short' | 'password-long' | 'mismatch'; field: SetupField };

/** The message key of each problem the form finds itself. */
const PROBLEM_TEXT = {
  name: 'nameInvalid',
  'password-short': 'passwordShort',
  'password-long': 'passwordLong',
  mismatch: 'mismatch',
} as const;

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
 * The first administrator, or an invited user (`invitedName`, shown read-only: the admin chose it):
 * name and password, from a one-time link (`?token=`).
 * noValidate: `check` says what is wrong in the page's language, where the browser's bubbles would not.
 */
export function SetupForm({ token, invitedName }: { token: string; invitedName?: string | undefined }) {
  const t = useTranslations('setup');
  const { failure, pending, disabled, send } = useAuthSubmit('/');
  const [problem, setProblem] = useState<Problem | null>(null);
  const describe = useFailureText((code) =>
    code === 'setup-invalid' || code === 'password-rejected' || code === 'bad-request' ? t(code) : undefined,
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const found = check(name, password, String(form.get('confirm') ?? ''));
    setProblem(found);
    if (!found) await send(AUTH_ROUTES.setup, { token, name, password });
  }

  const message = problem ? t(PROBLEM_TEXT[problem.kind]) : describe(failure);
  const invalid = (field: SetupField) =>
    (problem ? problem.field === field : failure !== null) ? ERROR_ID : undefined;

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
        defaultValue={invitedName}
        readOnly={Boolean(invitedName)}
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
      <FormFooter
        errorId={ERROR_ID}
        message={message}
        disabled={disabled}
        pending={pending}
        submit={invitedName ? t('invitedSubmit') : t('submit')}
        submitting={t('submitting')}
      />
    </form>
  );
}
