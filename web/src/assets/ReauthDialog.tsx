'use client';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Button, Dialog, Heading, Input, Label, Modal, ModalOverlay, TextField } from 'react-aria-components';
import { confirmPassword, reauthenticateAtProvider } from './setpoint-api';

/**
 * A setpoint needs a sign-in within the last five minutes: the operator types their password again
 * and the setpoint is sent once more. A wrong password keeps the dialog open and says so.
 */
export function ReauthDialog({
  isOpen,
  onConfirmed,
  onCancel,
}: {
  isOpen: boolean;
  onConfirmed: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('asset.reauth');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setPassword('');
    setError(null);
    onCancel();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) return;
    setPending(true);
    setError(null);
    const outcome = await confirmPassword(password);
    setPending(false);
    if (outcome === 'confirmed') {
      setPassword('');
      onConfirmed();
    } else if (outcome === 'oidc') reauthenticateAtProvider();
    else setError(outcome === 'refused' ? t('refused') : t('failed'));
  }

  return (
    <ModalOverlay
      className="dialog-overlay"
      isOpen={isOpen}
      isDismissable={!pending}
      onOpenChange={(open) => !open && close()}
    >
      <Modal className="dialog-modal">
        <Dialog className="dialog" data-testid="reauth-dialog">
          <form onSubmit={submit} className="dialog-form">
            <Heading slot="title" className="dialog-title">
              {t('title')}
            </Heading>
            <p className="dialog-text">{t('why')}</p>
            <TextField className="field" value={password} onChange={setPassword} type="password" autoFocus>
              <Label className="field-label">{t('password')}</Label>
              <Input className="field-input" autoComplete="current-password" />
            </TextField>
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
            <div className="dialog-actions">
              <Button className="button button-secondary" onPress={close} isDisabled={pending}>
                {t('cancel')}
              </Button>
              <Button type="submit" className="button button-primary" isDisabled={pending || !password}>
                {pending ? t('checking') : t('confirm')}
              </Button>
            </div>
          </form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
