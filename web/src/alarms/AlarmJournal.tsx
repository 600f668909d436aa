'use client';
import type { Alarm } from '@city/domain';
import { useFormatter, useTranslations } from 'next-intl';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { PriorityMark } from '../ui/PriorityMark';
import { useAlarmMessage } from './use-alarm-message';
import { useNewestJournal } from './use-newest-journal';
import './alarms-dialog.css';

const JOURNAL_TIME = {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
} as const;

/** Who did what to one alarm, and when, newest first: a modal dialog, open while `isOpen`. */
export function AlarmJournalDialog({
  alarm,
  isOpen,
  onClose,
}: {
  alarm: Alarm;
  isOpen: boolean;
  onClose: () => void;
}) {
  const t = useTranslations('alarms.journal');
  const word = useAlarmMessage();
  return (
    <ModalOverlay
      className="dialog-overlay"
      isOpen={isOpen}
      onOpenChange={(open) => !open && onClose()}
      isDismissable
    >
      <Modal className="dialog-modal dialog-modal-wide">
        <Dialog className="dialog" data-testid="alarm-journal">
          <Heading slot="title" className="dialog-title">
            {t('title')}
          </Heading>
          <div className="alarm-dialog-subject">
            <PriorityMark priority={alarm.priority} />
            <span>{word(alarm.message)}</span>
          </div>
          <JournalEntries alarm={alarm} />
          <div className="dialog-actions">
            <Button className="button button-secondary" onPress={onClose} autoFocus>
              {t('close')}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function JournalEntries({ alarm }: { alarm: Alarm }) {
  const t = useTranslations('alarms');
  const format = useFormatter();
  // Newest first, a page at a time; a new transition of this alarm (its seq moved on) is read at once.
  const journal = useNewestJournal({ alarmId: alarm.id }, alarm.seq);
  const { entries } = journal;

  if (journal.error)
    return <p className="form-error">{t('journal.failed', { reason: journal.error.message })}</p>;
  if (!journal.loaded) return <p className="alarm-muted">{t('journal.loading')}</p>;
  if (entries.length === 0) return <p className="alarm-muted">{t('journal.empty')}</p>;
  return (
    <div className="alarm-journal-scroll">
      <table className="data-table alarm-journal">
        <thead>
          <tr>
            <th scope="col">{t('journal.time')}</th>
            <th scope="col">{t('journal.event')}</th>
            <th scope="col">{t('journal.who')}</th>
            <th scope="col">{t('journal.note')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq} data-event={entry.event} data-actor={entry.actor ?? ''} data-seq={entry.seq}>
              <td className="alarm-journal-time">{format.dateTime(entry.at, JOURNAL_TIME)}</td>
              <td>
                {t(`event.${entry.event}`)}
                {entry.value !== null && (
                  <span className="alarm-muted">
                    {' · '}
                    {t('journal.value', {
                      value:
                        `${format.number(entry.value, { maximumFractionDigits: 2 })} ${alarm.message.params.unit}`.trim(),
                    })}
                  </span>
                )}
              </td>
              <td className={entry.actor ? 'alarm-journal-actor' : 'alarm-muted'}>
                {entry.actor ?? t('journal.system')}
              </td>
              <td>{entry.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {journal.hasOlder && (
        <Button
          className="button button-secondary"
          onPress={journal.loadOlder}
          isPending={journal.loadingOlder}
          data-testid="journal-older"
        >
          {journal.loadingOlder ? t('journal.loadingOlder') : t('journal.older')}
        </Button>
      )}
    </div>
  );
}
