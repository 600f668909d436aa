'use client';
import { useTranslations } from 'next-intl';
import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { PERIODS, type Period } from './rate-series';

const CHOICES = Object.keys(PERIODS) as Period[];

/** 24 h / 7 d / 30 d as one group of toggle buttons (React Aria): arrow keys move, one is always chosen. */
export function PeriodPicker({ value, onChange }: { value: Period; onChange: (period: Period) => void }) {
  const t = useTranslations('kpis.period');
  return (
    <ToggleButtonGroup
      className="segmented"
      aria-label={t('label')}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[value]}
      onSelectionChange={(keys) => {
        const next = CHOICES.find((choice) => keys.has(choice));
        if (next) onChange(next);
      }}
    >
      {CHOICES.map((choice) => (
        <ToggleButton key={choice} id={choice} className="segmented-option">
          {t(choice)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
