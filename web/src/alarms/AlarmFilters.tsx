'use client';
import type { AlarmPriority } from '@city/domain';
import { useTranslations } from 'next-intl';
import { Button } from 'react-aria-components';
import { type AlarmFilter, isFiltered, LAYERS, LISTED_STATES, NO_FILTER, PRIORITIES } from './alarm-filter';
import { FilterSelect } from './FilterSelect';

/** The list's four filters; an empty one lets everything through. */
export function AlarmFilters({
  filter,
  onChange,
  districts,
}: {
  filter: AlarmFilter;
  onChange: (filter: AlarmFilter) => void;
  /** The districts the city's assets lie in, from the catalog. */
  districts: readonly string[];
}) {
  const t = useTranslations('alarms');
  const priorityWord = useTranslations('console.priority');
  const all = t('filter.all');
  return (
    <fieldset className="alarm-filters" data-testid="alarm-filters">
      <legend className="sr-only">{t('filter.label')}</legend>
      <FilterSelect
        label={t('filter.state')}
        allLabel={all}
        options={LISTED_STATES}
        optionLabel={(state) => t(`state.${state}`)}
        value={filter.states}
        onChange={(states) => onChange({ ...filter, states })}
        testId="filter-state"
      />
      <FilterSelect
        label={t('filter.priority')}
        allLabel={all}
        options={PRIORITIES}
        optionLabel={(priority: AlarmPriority) => priorityWord(String(priority) as '1')}
        value={filter.priorities}
        onChange={(priorities) => onChange({ ...filter, priorities })}
        testId="filter-priority"
      />
      <FilterSelect
        label={t('filter.layer')}
        allLabel={all}
        options={LAYERS}
        optionLabel={(layer) => t(`layer.${layer}`)}
        value={filter.layers}
        onChange={(layers) => onChange({ ...filter, layers })}
        testId="filter-layer"
      />
      <FilterSelect
        label={t('filter.district')}
        allLabel={all}
        options={districts}
        optionLabel={(district) => district}
        value={filter.districts}
        onChange={(chosen) => onChange({ ...filter, districts: chosen })}
        testId="filter-district"
      />
      {isFiltered(filter) && (
        <Button className="button button-secondary alarm-filter-clear" onPress={() => onChange(NO_FILTER)}>
          {t('filter.clear')}
        </Button>
      )}
    </fieldset>
  );
}
