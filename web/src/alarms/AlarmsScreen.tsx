'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { focusAsset } from '../map/map-focus';
import { AlarmFilters } from './AlarmFilters';
import { AlarmList } from './AlarmList';
import { type AlarmFilter, filterFromParams, filterToParams, isFiltered } from './alarm-filter';
import type { AlarmRow } from './alarm-rows';
import { useAlarmRows } from './use-alarm-rows';
import { useNarrowScreen } from './use-narrow';
import './alarms.css';

/**
 * /alarms: the whole list with its filters in the address (a filtered list can be shared or
 * bookmarked). Clicking an alarm flies the map to its asset and goes to the map.
 */
export function AlarmsScreen() {
  const t = useTranslations('alarms');
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const view = useAlarmRows(filter);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // On a tablet the stacked rows of the docked list, so each row's actions stay in view.
  const narrow = useNarrowScreen();

  const changeFilter = (next: AlarmFilter) => {
    const query = filterToParams(next).toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const select = (row: AlarmRow) => {
    setSelectedId(row.alarm.id);
    if (!row.subject.assetId) return;
    focusAsset(row.subject.assetId);
    router.push('/');
  };

  return (
    <main className="alarm-screen" data-testid="alarm-screen">
      <header className="alarm-screen-head">
        <h1 className="alarm-screen-title">
          {t('title')} <span className="alarm-muted">{t('list.count', { count: view.count })}</span>
        </h1>
      </header>
      <AlarmFilters filter={filter} onChange={changeFilter} districts={view.districts} />
      <AlarmList
        rows={view.rows}
        variant={narrow ? 'docked' : 'full'}
        selectedId={selectedId}
        onSelect={select}
        emptyText={
          !view.ready ? t('list.loading') : isFiltered(filter) ? t('list.emptyFiltered') : t('list.empty')
        }
      />
    </main>
  );
}
