'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';

interface ConfirmActionProps {
  /** The button in the row, e.g. "Disable". */
  label: string;
  /** The dialog's question, e.g. "Disable Anna?". */
  title: string;
  /** What will happen, in words, so nobody confirms blind. */
  consequence: string;
  /** The confirming button, repeating the verb. */
  confirm: string;
  onConfirm: () => Promise<unknown>;
  isDisabled?: boolean;
}

/**
 * A destructive action behind a confirmation: an alertdialog (React Aria's modal, focus trapped,
 * Escape cancels) that stays open with the server's refusal when the action fails.
 */
export function ConfirmAction({
  label,
  title,
  consequence,
  confirm,
  onConfirm,
  isDisabled,
}: ConfirmActionProps) {
  const t = useTranslations('admin.confirm');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  return (
    <DialogTrigger onOpenChange={() => setFailure(null)}>
      <Button className="button button-secondary" isDisabled={isDisabled}>
        {label}
      </Button>
      <ModalOverlay className="dialog-overlay" isDismissable={!pending}>
        <Modal className="dialog-modal">
          <Dialog role="alertdialog" className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" className="dialog-title">
                  {title}
                </Heading>
                <p className="dialog-text">{consequence}</p>
                {failure && (
                  <p className="form-error" role="alert">
                    {failure}
                  </p>
                )}
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close} isDisabled={pending}>
                    {t('cancel')}
                  </Button>
                  <Button
                    className="button button-danger"
                    isDisabled={pending}
                    onPress={async () => {
                      setPending(true);
                      setFailure(null);
                      try {
                        await onConfirm();
                        close();
                      } catch (error) {
                        setFailure(error instanceof Error ? error.message : String(error));
                      } finally {
                        setPending(false);
                      }
                    }}
                  >
                    {pending ? t('working') : confirm}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
