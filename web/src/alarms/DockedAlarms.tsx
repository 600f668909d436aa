'use client';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { useCatalog } from '../data/catalog';
import { useAlarms } from '../data/realtime/RealtimeProvider';
import { focusAsset } from '../map/map-focus';
import { PriorityMark } from '../ui/PriorityMark';
import { NO_FILTER } from './alarm-filter';
import { alarmRows } from './alarm-rows';
import { useAlarmMessage } from './use-alarm-message';

/** The alarm list docked beside the map: most urgent first; a click flies the map to the asset. */
export function DockedAlarms() {
  const t = useTranslations('alarms');
  const { alarms, ready } = useAlarms();
  const { catalog } = useCatalog();
  const word = useAlarmMessage();
  const rows = useMemo(() => alarmRows(alarms.values(), catalog, NO_FILTER), [alarms, catalog]);
  return (
    <section className="docked-alarms" aria-label={t('list.docked')} data-testid="docked-alarms">
      {!ready && <p>{t('list.loading')}</p>}
      {ready && rows.length === 0 && <p>{t('list.empty')}</p>}
      <ul>
        {rows.map(({ alarm, subject }) => (
          <li key={alarm.id} data-alarm-id={alarm.id} data-state={alarm.state}>
            <button type="button" onClick={() => subject.assetId && focusAsset(subject.assetId)}>
              <PriorityMark priority={alarm.priority} compact />
              <span>{word(alarm.message)}</span>
              <span>{t(`state.${alarm.state}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
