'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

/**
 * The step before a command leaves: what changes from what to what, inside which range. A command
 * moves equipment in the street, so nobody confirms blind (React Aria alertdialog; Escape cancels).
 */
export function SetpointConfirm({
  isOpen,
  channelName,
  from,
  to,
  range,
  onCancel,
  onConfirm,
}: {
  isOpen: boolean;
  channelName: string;
  from: string;
  to: string;
  range: string;
  onCancel: () => void;
  onConfirm: () => Promise<void>;
}) {
  const t = useTranslations('asset.setpoint');
  const [pending, setPending] = useState(false);
  return (
    <ModalOverlay
      className="dialog-overlay"
      isOpen={isOpen}
      isDismissable={!pending}
      onOpenChange={(open) => !open && onCancel()}
    >
      <Modal className="dialog-modal">
        <Dialog role="alertdialog" className="dialog" data-testid="setpoint-confirm">
          <Heading slot="title" className="dialog-title">
            {t('confirmTitle', { channel: channelName })}
          </Heading>
          <p className="setpoint-change" data-testid="setpoint-change">
            <span className="setpoint-old">{from}</span>
            <span aria-hidden="true"> → </span>
            <span className="sr-only">{t('to')}</span>
            <span className="setpoint-new">{to}</span>
          </p>
          <p className="dialog-text">{range}</p>
          <p className="dialog-text">{t('confirmWhat')}</p>
          <div className="dialog-actions">
            <Button className="button button-secondary" onPress={onCancel} isDisabled={pending}>
              {t('cancel')}
            </Button>
            <Button
              className="button button-primary"
              isDisabled={pending}
              onPress={async () => {
                setPending(true);
                try {
                  await onConfirm();
                } finally {
                  setPending(false);
                }
              }}
            >
              {pending ? t('sending') : t('confirm', { value: to })}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
