'use client';
import type { AlarmRule, MessageLocale } from '@city/domain';
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useCatalog } from '../data/catalog';
import { useTRPC } from '../data/trpc';
import { alarmLabel } from './alarm-label';
import { BarTable } from './BarTable';
import { KpiFigures } from './KpiFigures';
import { PeriodPicker } from './PeriodPicker';
import { RateChart } from './RateChart';
import { PERIODS, type Period, rateBars } from './rate-series';
import { useActivations, useKpis } from './use-kpis';

/**
 * /kpis: the alarm system's health over 24 h, 7 d or 30 d (EEMUA 191 / ISA-18.2): the figures as
 * text, the rate per 10 minutes against its benchmarks, the floods, and the bad actors by name.
 */
export function KpisScreen() {
  const t = useTranslations('kpis');
  const format = useFormatter();
  const [period, setPeriod] = useState<Period>('24h');
  const kpis = useKpis(period);
  const activations = useActivations(period);
  const label = useAlarmLabel();
  const bars = useMemo(
    () =>
      activations.data
        ? rateBars(
            activations.data.activatedAt,
            activations.data.from,
            activations.data.to,
            PERIODS[period].windowsPerBar,
          )
        : null,
    [activations.data, period],
  );
  const data = kpis.data;
  const time = (at: string | number | Date) =>
    format.dateTime(new Date(at), { dateStyle: 'medium', timeStyle: 'short' });

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
          {bars && activations.data && (
            <RateChart bars={bars} from={activations.data.from} to={activations.data.to} />
          )}
          {activations.data?.truncated && (
            <p className="admin-note">
              {t('rate.truncated', { count: activations.data.activatedAt.length })}
            </p>
          )}
        </section>
        {data && (
          <div className="kpis-columns">
            <section className="kpis-section" aria-labelledby="kpis-top-title">
              <h2 id="kpis-top-title" className="admin-section-title">
                {t('top.title')}
              </h2>
              {data.topFrequent.length === 0 ? (
                <p className="admin-note">{t('top.none')}</p>
              ) : (
                <BarTable
                  caption={t('top.title')}
                  testId="top-frequent"
                  headers={{
                    rank: t('top.rank'),
                    alarm: t('top.alarm'),
                    where: t('top.where'),
                    count: t('top.count'),
                  }}
                  rows={data.topFrequent.map((row) => ({
                    key: row.alarmId,
                    label: label(row.alarmId),
                    value: row.activations,
                  }))}
                />
              )}
            </section>
            <section className="kpis-section" aria-labelledby="kpis-chattering-title">
              <h2 id="kpis-chattering-title" className="admin-section-title">
                {t('chattering.title')}
              </h2>
              {data.chattering.length === 0 ? (
                <p className="admin-note">{t('chattering.none')}</p>
              ) : (
                <BarTable
                  caption={t('chattering.title')}
                  testId="chattering"
                  headers={{
                    alarm: t('chattering.alarm'),
                    where: t('chattering.where'),
                    count: t('chattering.count'),
                  }}
                  rows={data.chattering.map((row) => ({
                    key: row.alarmId,
                    label: label(row.alarmId),
                    value: row.episodes,
                  }))}
                />
              )}
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
            </section>
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
