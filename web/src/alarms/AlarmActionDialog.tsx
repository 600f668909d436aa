'use client';
import type { Alarm } from '@city/domain';
import { useFormatter, useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import {
  Button,
  Dialog,
  Heading,
  Label,
  Modal,
  ModalOverlay,
  Radio,
  RadioGroup,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { PriorityMark } from '../ui/PriorityMark';
import { type AlarmAction, SHELVE_CHOICES, type ShelveChoice } from './alarm-actions';
import { useAlarmCommand } from './use-alarm-command';
import { useAlarmMessage } from './use-alarm-message';
import './alarms-dialog.css';

/** Which text the action asks for: a required note, a required reason, an optional note, or none. */
const TEXT_FIELD: Record<AlarmAction, 'note' | 'reason' | 'optionalNote' | null> = {
  acknowledge: 'note',
  shelve: 'reason',
  unshelve: 'optionalNote',
  remove: 'reason',
  return: null,
};

/**
 * One action on one alarm, in a modal dialog (React Aria: focus kept inside, Escape cancels): the
 * alarm it acts on, what the action needs (a note, a reason, a shelve duration), and the server's
 * refusal in its own words when it says no. Open while `action` is set.
 */
export function AlarmActionDialog({
  alarm,
  action,
  onClose,
}: {
  alarm: Alarm;
  action: AlarmAction | null;
  onClose: () => void;
}) {
  return (
    <ModalOverlay
      className="dialog-overlay"
      isOpen={action !== null}
      onOpenChange={(open) => !open && onClose()}
      isDismissable
    >
      <Modal className="dialog-modal">
        <Dialog className="dialog" data-testid="alarm-action-dialog">
          {action && <ActionForm alarm={alarm} action={action} onDone={onClose} />}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function ActionForm({ alarm, action, onDone }: { alarm: Alarm; action: AlarmAction; onDone: () => void }) {
  const t = useTranslations('alarms.action');
  const word = useAlarmMessage();
  const command = useAlarmCommand();
  const [text, setText] = useState('');
  const [shelve, setShelve] = useState<ShelveChoice>(SHELVE_CHOICES[1]);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const field = TEXT_FIELD[action];
  const missing = (field === 'note' || field === 'reason') && text.trim() === '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (missing) {
      setFailure(t(field === 'note' ? 'noteRequired' : 'reasonRequired'));
      return;
    }
    setPending(true);
    setFailure(null);
    try {
      await command(action, alarm.id, { text, shelve });
      onDone();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
      <Heading slot="title" className="dialog-title">
        {t(`${action}.title`)}
      </Heading>
      <div className="alarm-dialog-subject">
        <PriorityMark priority={alarm.priority} />
        <span>{word(alarm.message)}</span>
      </div>
      <p className="dialog-text">{t(`${action}.explain`)}</p>
      {action === 'shelve' && <ShelveDuration value={shelve} onChange={setShelve} />}
      {field && (
        <TextField
          className="field"
          value={text}
          onChange={(next) => {
            setText(next);
            setFailure(null);
          }}
          isRequired={field !== 'optionalNote'}
        >
          <Label className="field-label">{t(field === 'reason' ? 'reason' : 'note')}</Label>
          <Text slot="description" className="field-hint">
            {t(`${action}.hint`)}
          </Text>
          <TextArea className="field-input alarm-textarea" rows={3} data-testid="alarm-action-text" />
        </TextField>
      )}
      <p className="form-error" role="alert">
        {failure}
      </p>
      <div className="dialog-actions">
        <Button className="button button-secondary" onPress={onDone} isDisabled={pending}>
          {t('cancel')}
        </Button>
        <Button type="submit" className="button button-primary" isDisabled={pending}>
          {pending ? t('working') : t(`${action}.submit`)}
        </Button>
      </div>
    </form>
  );
}

function ShelveDuration({
  value,
  onChange,
}: {
  value: ShelveChoice;
  onChange: (choice: ShelveChoice) => void;
}) {
  const t = useTranslations('alarms.action');
  const format = useFormatter();
  const label = (choice: ShelveChoice) =>
    choice === null
      ? t('oneShot')
      : choice < 3_600_000
        ? format.number(choice / 60_000, { style: 'unit', unit: 'minute', unitDisplay: 'long' })
        : format.number(choice / 3_600_000, { style: 'unit', unit: 'hour', unitDisplay: 'long' });
  return (
    <RadioGroup
      className="alarm-shelve-choices"
      value={String(value)}
      onChange={(key) => onChange(SHELVE_CHOICES.find((choice) => String(choice) === key) ?? null)}
    >
      <Label className="field-label">{t('duration')}</Label>
      <div className="alarm-shelve-options">
        {SHELVE_CHOICES.map((choice) => (
          <Radio key={String(choice)} value={String(choice)} className="alarm-shelve-option">
            {label(choice)}
          </Radio>
        ))}
      </div>
    </RadioGroup>
  );
}
