'use client';
import { useTranslations } from 'next-intl';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import type { SlotKind } from './limit-sets';

/** Saving a set that gives up slots removes their rules: said in words and confirmed first. */
export function RemoveRulesDialog({
  kinds,
  onCancel,
  onConfirm,
}: {
  kinds: SlotKind[];
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const t = useTranslations('rules');
  const names = kinds.map((kind) => t(`kind.${kind}`)).join(', ');
  return (
    <ModalOverlay
      className="dialog-overlay"
      isOpen
      isDismissable
      onOpenChange={(open) => !open && onCancel()}
    >
      <Modal className="dialog-modal">
        <Dialog role="alertdialog" className="dialog">
          <Heading slot="title" className="dialog-title">
            {t('editor.deleteConfirmTitle', { count: kinds.length })}
          </Heading>
          <p className="dialog-text">{t('editor.deleteConfirm', { kinds: names })}</p>
          <div className="dialog-actions">
            <Button className="button button-secondary" onPress={onCancel}>
              {t('editor.cancel')}
            </Button>
            <Button className="button button-danger" onPress={onConfirm} data-testid="confirm-remove">
              {t('editor.deleteConfirmButton')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
