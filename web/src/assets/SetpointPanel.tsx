'use client';
import type { Channel, LatestValue } from '@city/domain';
import { useTranslations } from 'next-intl';
import { SetpointRow } from './SetpointRow';
import './setpoint.css';

/**
 * The asset's writable points (dim level, pump start and stop levels). Rendered only for a role
 * with setpoint.write: a viewer sees no control at all, and the server refuses anyway.
 */
export function SetpointPanel({
  channels,
  values,
}: {
  channels: readonly Channel[];
  values: ReadonlyMap<string, LatestValue>;
}) {
  const t = useTranslations('asset.setpoint');
  return (
    <section className="asset-section" aria-labelledby="setpoints-title" data-testid="setpoints">
      <h2 id="setpoints-title" className="asset-section-title">
        {t('title')}
      </h2>
      <ul className="setpoint-list">
        {channels.map((channel) => (
          <SetpointRow key={channel.id} channel={channel} current={values.get(channel.id)?.value ?? null} />
        ))}
      </ul>
    </section>
  );
}
