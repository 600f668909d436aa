'use client';
import { useFormatter, useTranslations } from 'next-intl';
import type { ControlRoomState } from './console-state';

/** LIVE while the socket is up and delivering; LINK LOST, loudly, as soon as it drops. */
export function LinkStatus({ link }: { link: ControlRoomState['link'] }) {
  const t = useTranslations('link');
  const format = useFormatter();
  return (
    <div className={`link link-${link.status}`} role="status" aria-live="assertive">
      <span className="link-dot" />
      <span className="link-label" data-testid="link-status" data-status={link.status}>
        {t(link.status)}
      </span>
      <span className="link-time" data-testid="last-update" data-time={link.lastUpdateAt ?? ''}>
        {link.lastUpdateAt
          ? t('lastUpdate', { time: format.dateTime(link.lastUpdateAt, 'clock') })
          : t('noData')}
      </span>
    </div>
  );
}

/** Across the map while the link is down, so nobody mistakes frozen numbers for live ones. */
export function LinkLostBanner({ link }: { link: ControlRoomState['link'] }) {
  const t = useTranslations('link');
  const format = useFormatter();
  if (link.status !== 'lost') return null;
  return (
    <div className="link-lost-banner" role="alert">
      <strong>{t('lost')}</strong>
      <span>
        {link.lastUpdateAt
          ? t('frozenSince', { time: format.dateTime(link.lastUpdateAt, 'clock') })
          : t('noConnection')}
      </span>
    </div>
  );
}
