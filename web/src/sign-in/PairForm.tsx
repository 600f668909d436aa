'use client';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { AUTH_ROUTES } from '../shared/auth-contract';
import { Field } from '../ui/Field';
import { useHydrated } from '../ui/use-hydrated';
import { type AuthFailure, postAuth } from './auth-client';

const ERROR_ID = 'pair-error';

/** A wall screen enters the code an administrator created for it, and becomes a display session. */
export function PairForm({ next }: { next: string }) {
  const t = useTranslations('pair');
  const te = useTranslations('errors');
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<AuthFailure | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    setPending(true);
    setFailure(null);
    const outcome = await postAuth(AUTH_ROUTES.pair, { code });
    if (outcome.ok) {
      window.location.assign(next);
      return;
    }
    setPending(false);
    setFailure(outcome.failure);
  }

  let message: string | null = null;
  if (failure?.kind === 'network') message = te('network');
  else if (failure?.kind === 'unexpected') message = te('unexpected', { status: failure.status });
  else if (failure?.kind === 'refused')
    message =
      failure.code === 'pairing-invalid' || failure.code === 'bad-request'
        ? t('pairing-invalid')
        : te('unexpected', { status: failure.code });

  return (
    <form className="auth-form" method="post" noValidate onSubmit={(event) => void submit(event)}>
      <Field
        id="pair-code"
        name="code"
        label={t('code')}
        className="field-input field-input-code"
        autoComplete="one-time-code"
        autoCapitalize="characters"
        spellCheck={false}
        required
        errorId={message ? ERROR_ID : undefined}
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
