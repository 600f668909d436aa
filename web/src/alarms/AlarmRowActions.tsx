'use client';
import type { Alarm } from '@city/domain';
import { useTranslations } from 'next-intl';
import { type Key, useState } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { usePermission } from '../data/use-session';
import { AlarmActionDialog } from './AlarmActionDialog';
import { AlarmJournalDialog } from './AlarmJournal';
import { ALARM_ACTIONS, type AlarmAction, actionsFor } from './alarm-actions';

/** The actions this person may take on an alarm now (none for a viewer). */
export function useAlarmActions(alarm: Alarm): AlarmAction[] {
  const respond = usePermission('alarm.respond').allowed;
  const service = usePermission('asset.service').allowed;
  return actionsFor(alarm, { respond, service });
}

/**
 * A row's controls: a menu of the actions the signed-in role may take, each opening its dialog, and
 * the alarm's journal (anyone may read who did what). A viewer gets only the journal, no menu.
 */
export function AlarmRowActions({ alarm, assetName }: { alarm: Alarm; assetName: string }) {
  const t = useTranslations('alarms.action');
  const actions = useAlarmActions(alarm);
  const [open, setOpen] = useState<AlarmAction | null>(null);
  const [journal, setJournal] = useState(false);
  const choose = (key: Key) => {
    if (key === 'journal') setJournal(true);
    else setOpen(ALARM_ACTIONS.find((action) => action === key) ?? null);
  };
  return (
    <div className="alarm-row-actions">
      {actions.length === 0 ? (
        <Button
          className="alarm-row-button"
          onPress={() => setJournal(true)}
          data-testid="alarm-journal-open"
        >
          {t('journal')}
        </Button>
      ) : (
        <MenuTrigger>
          <Button
            className="alarm-row-button"
            aria-label={t('menuFor', { asset: assetName })}
            data-testid="alarm-actions"
          >
            {t('menu')} <span aria-hidden="true">▾</span>
          </Button>
          <Popover className="menu-popover" placement="bottom end">
            <Menu className="menu" onAction={choose}>
              {actions.map((action) => (
                <MenuItem key={action} id={action} className="menu-item" data-action={action}>
                  {t(`${action}.label`)}
                </MenuItem>
              ))}
              <MenuItem id="journal" className="menu-item" data-action="journal">
                {t('journal')}
              </MenuItem>
            </Menu>
          </Popover>
        </MenuTrigger>
      )}
      <AlarmActionDialog alarm={alarm} action={open} onClose={() => setOpen(null)} />
      <AlarmJournalDialog alarm={alarm} isOpen={journal} onClose={() => setJournal(false)} />
    </div>
  );
}
