'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button, Disclosure, DisclosurePanel } from 'react-aria-components';
import { focusAsset } from '../map/map-focus';
import { IntentLink } from '../ui/IntentLink';
import { AlarmFilters } from './AlarmFilters';
import { AlarmList } from './AlarmList';
import { type AlarmFilter, activeFilters, isFiltered, NO_FILTER } from './alarm-filter';
import type { AlarmRow } from './alarm-rows';
import { useAlarmRows } from './use-alarm-rows';
import './alarms.css';

/**
 * The alarm list docked beside the map: the same list as /alarms, most urgent then newest first, with
 * its filters kept for this visit; a click selects an alarm and flies the map to its asset.
 */
export function DockedAlarms() {
  const t = useTranslations('alarms.list');
  const filters = useTranslations('alarms.filter');
  const [filter, setFilter] = useState<AlarmFilter>(NO_FILTER);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const view = useAlarmRows(filter);
  const select = (row: AlarmRow) => {
    setSelectedId(row.alarm.id);
    if (row.subject.assetId) focusAsset(row.subject.assetId);
  };
  return (
    <section className="docked-alarms" aria-label={t('docked')} data-testid="docked-alarms">
      <Disclosure className="alarm-filter-disclosure">
        <header className="alarm-screen-head">
          <h2 className="alarm-screen-title">
            {t('docked')} <span className="alarm-muted">{t('count', { count: view.count })}</span>
          </h2>
          <Button slot="trigger" className="alarm-row-button alarm-filter-toggle">
            {filters('toggle', { count: activeFilters(filter) })}
          </Button>
          <IntentLink href="/alarms" className="alarm-row-button">
            {t('all')}
          </IntentLink>
        </header>
        <DisclosurePanel>
          <AlarmFilters filter={filter} onChange={setFilter} districts={view.districts} />
        </DisclosurePanel>
      </Disclosure>
      <AlarmList
        rows={view.rows}
        variant="docked"
        selectedId={selectedId}
        onSelect={select}
        emptyText={!view.ready ? t('loading') : isFiltered(filter) ? t('emptyFiltered') : t('empty')}
      />
    </section>
  );
}
