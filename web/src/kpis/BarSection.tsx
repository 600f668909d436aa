'use client';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { type BarRow, BarTable } from './BarTable';

/**
 * The bad actors' two lists, each a titled section whose words live under `kpis.<kind>`: the top 10
 * by activations (ranked) and the chattering alarms by episodes.
 */
const SECTIONS = {
  top: { testId: 'top-frequent', ranked: true },
  chattering: { testId: 'chattering', ranked: false },
} as const;

export type BarSectionKind = keyof typeof SECTIONS;

/**
 * A section of alarms by a count: its title, then a bar table, or a line saying there were none in
 * the period. `children` follow in the same section (the floods, under the chattering alarms).
 */
export function BarSection({
  kind,
  rows,
  children,
}: {
  kind: BarSectionKind;
  rows: BarRow[];
  children?: ReactNode;
}) {
  const t = useTranslations('kpis');
  const { testId, ranked } = SECTIONS[kind];
  const titleId = `kpis-${kind}-title`;
  return (
    <section className="kpis-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="admin-section-title">
        {t(`${kind}.title`)}
      </h2>
      {rows.length === 0 ? (
        <p className="admin-note">{t(`${kind}.none`)}</p>
      ) : (
        <BarTable
          caption={t(`${kind}.title`)}
          testId={testId}
          headers={{
            rank: ranked ? t('top.rank') : undefined,
            alarm: t(`${kind}.alarm`),
            where: t(`${kind}.where`),
            count: t(`${kind}.count`),
          }}
          rows={rows}
        />
      )}
      {children}
    </section>
  );
}
