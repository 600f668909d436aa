'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { RATE_BENCHMARKS } from './rate-series';

export interface Figures {
  activations: number;
  perTenMinutesPerOperator: number;
  peakTenMinutes: number;
  floods: number;
  floodShare: number;
  chattering: number;
}

/** ISA-18.2: under 1 % of the time in flood. */
const FLOOD_SHARE_BENCHMARK = 0.01;

/**
 * The period's figures as text, each beside its benchmark. A figure over its benchmark says so in
 * words and gets a heavy border (abnormal); within it, it stays grey.
 */
export function KpiFigures({ figures }: { figures: Figures }) {
  const t = useTranslations('kpis.figures');
  const format = useFormatter();
  const number = (n: number) => format.number(n, { maximumFractionDigits: 2 });
  return (
    <dl className="kpis-figures" aria-label={t('label')} data-testid="kpi-figures">
      <Figure label={t('activations')} value={number(figures.activations)} />
      <Figure
        label={t('rate')}
        value={number(figures.perTenMinutesPerOperator)}
        note={t('rateNote')}
        over={figures.perTenMinutesPerOperator > RATE_BENCHMARKS.acceptable}
      />
      <Figure
        label={t('peak')}
        value={number(figures.peakTenMinutes)}
        note={t('peakNote')}
        over={figures.peakTenMinutes > RATE_BENCHMARKS.flood}
      />
      <Figure
        label={t('floods')}
        value={number(figures.floods)}
        note={t('floodShare', { share: figures.floodShare })}
        over={figures.floodShare >= FLOOD_SHARE_BENCHMARK}
      />
      <Figure
        label={t('chattering')}
        value={number(figures.chattering)}
        note={t('chatteringNote')}
        over={figures.chattering > 0}
      />
    </dl>
  );
}

function Figure({
  label,
  value,
  note,
  over,
}: {
  label: string;
  value: string;
  note?: string;
  over?: boolean;
}) {
  const t = useTranslations('kpis.figures');
  return (
    <div className="kpis-figure" data-over={over === true}>
      <dt className="kpis-figure-label">{label}</dt>
      <dd className="kpis-figure-value">{value}</dd>
      {note && <dd className="kpis-figure-note">{note}</dd>}
      {over !== undefined && (
        <dd className="kpis-figure-verdict">
          {over ? (
            <>
              <span aria-hidden="true">▲ </span>
              {t('over')}
            </>
          ) : (
            t('within')
          )}
        </dd>
      )}
    </div>
  );
}
