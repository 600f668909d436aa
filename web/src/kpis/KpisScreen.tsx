'use client';
import type { AlarmRule, MessageLocale } from '@city/domain';
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useCatalog } from '../data/catalog';
import { useTRPC } from '../data/trpc';
import { alarmLabel } from './alarm-label';
import { BarSection } from './BarSection';
import { KpiFigures } from './KpiFigures';
import { PeriodPicker } from './PeriodPicker';
import { RateChart } from './RateChart';
import { PERIODS, type Period, rateBars } from './rate-series';
import { useKpis } from './use-kpis';

/**
 * /kpis: the alarm system's health over 24 h, 7 d or 30 d (EEMUA 191 / ISA-18.2): the figures as
 * text, the rate per 10 minutes against its benchmarks, the floods, and the bad actors by name.
 */
export function KpisScreen() {
  const t = useTranslations('kpis');
  const format = useFormatter();
  const [period, setPeriod] = useState<Period>('24h');
  const kpis = useKpis(period);
  const label = useAlarmLabel();
  const data = kpis.data;
  // The server counts every 10-minute window; the chart only groups them into bars.
  const rate = useMemo(() => {
    if (!data) return null;
    const from = new Date(data.from).getTime();
    const bars = rateBars(data.perTenMinutes, from, PERIODS[period].windowsPerBar);
    return { bars, from, to: new Date(data.to).getTime() };
  }, [data, period]);
  const time = (at: string | number | Date) =>
    format.dateTime(new Date(at), { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });

  return (
    <main className="admin-page kpis-page" data-testid="kpis-screen" aria-busy={kpis.isFetching}>
      <div className="admin-content">
        <div className="kpis-head">
          <h1 className="admin-title">{t('title')}</h1>
          <PeriodPicker value={period} onChange={setPeriod} />
        </div>
        <p className="admin-note">{t('intro')}</p>
        {kpis.isPending && <p className="admin-note">{t('loading')}</p>}
        {kpis.error && (
          <p className="form-error" role="alert">
            {t('failed', { reason: kpis.error.message })}
          </p>
        )}
        {data && (
          <>
            <p className="admin-note" data-testid="kpis-range">
              {t('range', { from: time(data.from), to: time(data.to) })}
            </p>
            <KpiFigures
              figures={{
                activations: data.activations,
                perTenMinutesPerOperator: data.perTenMinutesPerOperator,
                peakTenMinutes: data.peakTenMinutes,
                floods: data.floods.length,
                floodShare: data.floodShare,
                chattering: data.chattering.length,
              }}
            />
          </>
        )}
        <section className="kpis-section" aria-labelledby="kpis-rate-title">
          <h2 id="kpis-rate-title" className="admin-section-title">
            {t('rate.title')}
          </h2>
          <p className="admin-note">{t(`rate.barNote${period}`)}</p>
          {rate && <RateChart bars={rate.bars} from={rate.from} to={rate.to} />}
        </section>
        {data && (
          <div className="kpis-columns">
            <BarSection
              kind="top"
              rows={data.topFrequent.map((row) => ({
                key: row.alarmId,
                label: label(row.alarmId),
                value: row.activations,
              }))}
            />
            <BarSection
              kind="chattering"
              rows={data.chattering.map((row) => ({
                key: row.alarmId,
                label: label(row.alarmId),
                value: row.episodes,
              }))}
            >
              <h2 className="admin-section-title">{t('floods.title')}</h2>
              {data.floods.length === 0 ? (
                <p className="admin-note">{t('floods.none')}</p>
              ) : (
                <table className="admin-table" data-testid="floods">
                  <thead>
                    <tr>
                      <th scope="col">{t('floods.start')}</th>
                      <th scope="col" className="kpis-num">
                        {t('floods.activations')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.floods.map((flood) => (
                      <tr key={String(flood.start)}>
                        <td>{time(flood.start)}</td>
                        <td className="kpis-num">{format.number(flood.activations)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </BarSection>
          </div>
        )}
      </div>
    </main>
  );
}

/** Alarm ids in words, from the rules (their names) and the catalog (asset and channel names). */
function useAlarmLabel() {
  const trpc = useTRPC();
  const locale = useLocale() as MessageLocale;
  const rules = useQuery(trpc.alarms.rules.list.queryOptions());
  const { catalog } = useCatalog();
  const byId = useMemo(
    () => new Map<string, AlarmRule>((rules.data ?? []).map((rule) => [rule.id, rule])),
    [rules.data],
  );
  return (alarmId: string) => alarmLabel(alarmId, byId, catalog, locale);
}
