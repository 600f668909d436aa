'use client';
import type { Channel, LatestValue } from '@city/domain';
import { useFormatter, useTranslations } from 'next-intl';
import { useStateText } from '../i18n/use-metric-words';
import { ageOf, fractionDigits, type LiveQuality, liveQuality } from './live-value';
import { useNow } from './use-now';

/**
 * Not-good quality is told by a glyph and a word, never colour alone; a good value shows neither
 * loudly, so the abnormal ones stand out (ISA-101).
 */
const QUALITY_GLYPHS: Record<LiveQuality, string> = {
  good: '',
  uncertain: '?',
  bad: '✕',
  stale: '◷',
  none: '—',
};

/** Every channel of the asset: its newest value with unit, how far it may be trusted, and how old it is. */
export function LiveValues({
  channels,
  values,
}: {
  channels: readonly Channel[];
  values: ReadonlyMap<string, LatestValue>;
}) {
  const t = useTranslations('asset.live');
  const now = useNow();
  return (
    <section className="asset-section" aria-labelledby="live-values-title">
      <h2 id="live-values-title" className="asset-section-title">
        {t('title')}
      </h2>
      <table className="asset-table live-table" data-testid="live-values">
        <thead>
          <tr>
            <th scope="col">{t('channel')}</th>
            <th scope="col" className="numeric">
              {t('value')}
            </th>
            <th scope="col">{t('quality')}</th>
            <th scope="col" className="numeric">
              {t('age')}
            </th>
          </tr>
        </thead>
        <tbody>
          {channels.map((channel) => (
            <LiveRow key={channel.id} channel={channel} value={values.get(channel.id)} now={now} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function LiveRow({ channel, value, now }: { channel: Channel; value: LatestValue | undefined; now: number }) {
  const t = useTranslations('asset.live');
  const quality = useTranslations('console.quality');
  const format = useFormatter();
  const stateText = useStateText();
  const state = liveQuality(value, now);
  const digits = fractionDigits(channel.displayRange, channel.unit);
  // A pump selector reads "auto", not "1"; the number stays in the tooltip for the engineer.
  const word = stateText(channel.metric, value?.value ?? null);
  const number =
    value?.value == null
      ? '—'
      : (word?.word ??
        format.number(value.value, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  const age = value ? ageOf(value.sourceTime, now) : null;

  return (
    <tr data-channel={channel.id} data-quality={state} className={`live-row live-row-${state}`}>
      <th scope="row" className="live-name">
        {channel.name}
      </th>
      <td className="numeric live-value" data-testid="live-value" data-value={value?.value ?? ''}>
        <span className={word ? 'live-number live-state' : 'live-number'} title={word?.raw}>
          {number}
        </span>
        {channel.unit && <span className="live-unit">{channel.unit}</span>}
      </td>
      <td className="live-quality">
        {QUALITY_GLYPHS[state] && (
          <span className="quality-glyph" aria-hidden="true">
            {QUALITY_GLYPHS[state]}
          </span>
        )}
        {quality(state)}
      </td>
      <td className="numeric live-age">
        {age && value ? (
          <time
            dateTime={new Date(value.sourceTime).toISOString()}
            title={quality('asOf', {
              time: format.dateTime(value.sourceTime, 'stamp'),
            })}
          >
            {t(`ageIn.${age.unit}`, { amount: age.amount })}
          </time>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}
