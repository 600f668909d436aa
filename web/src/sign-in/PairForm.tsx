'use client';
import { useTranslations } from 'next-intl';
import type { FormEvent } from 'react';
import { AUTH_ROUTES } from '../shared/auth-contract';
import { Field } from '../ui/Field';
import { FormFooter } from './FormFooter';
import { useAuthSubmit, useFailureText } from './use-auth-submit';

const ERROR_ID = 'pair-error';

/** A wall screen enters the code an administrator created for it, and becomes a display session. */
export function PairForm({ next }: { next: string }) {
  const t = useTranslations('pair');
  const { failure, pending, disabled, send } = useAuthSubmit(next);
  const describe = useFailureText((code) =>
    code === 'pairing-invalid' || code === 'bad-request' ? t('pairing-invalid') : undefined,
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    await send(AUTH_ROUTES.pair, { code });
  }

  const message = describe(failure);
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
      <FormFooter
        errorId={ERROR_ID}
        message={message}
        disabled={disabled}
        pending={pending}
        submit={t('submit')}
        submitting={t('submitting')}
      />
    </form>
  );
}
