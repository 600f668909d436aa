'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useWhen } from './use-when';

interface OneTimeSecretProps {
  /** What it is, e.g. "Setup link for anna". */
  label: string;
  value: string;
  /** When it stops working; a webhook secret does not expire. */
  expiresAt?: string;
  /** Where it is used and how often, e.g. "valid 3 days, works once". */
  note: string;
  /** Large monospace for a code typed on a wall screen; a link wraps instead. */
  variant: 'code' | 'link';
  onDone: () => void;
}

/**
 * A link or code the server shows once: it is never readable again, so it stays on screen until the
 * admin says it is passed on, with a copy button (the clipboard needs a secure context; else select it).
 */
export function OneTimeSecret({ label, value, expiresAt, note, variant, onDone }: OneTimeSecretProps) {
  const t = useTranslations('admin.secret');
  const when = useWhen();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }

  return (
    <section className="admin-secret" aria-label={label} data-testid="one-time-secret">
      <h3 className="admin-secret-label">{label}</h3>
      <output className={`admin-secret-value admin-secret-${variant}`} data-testid="secret-value">
        {value}
      </output>
      <p className="admin-secret-note">
        {note}
        {expiresAt && ` · ${t('until', { time: when(expiresAt) })}`}
      </p>
      <p className="admin-secret-note">{t('once')}</p>
      <div className="admin-secret-actions">
        <Button className="button button-secondary" onPress={() => void copy()}>
          {t('copy')}
        </Button>
        <Button className="button button-secondary" onPress={onDone}>
          {t('done')}
        </Button>
        <span role="status" className="admin-secret-copied">
          {copied === 'yes' ? t('copied') : copied === 'no' ? t('copyFailed') : ''}
        </span>
      </div>
    </section>
  );
}
