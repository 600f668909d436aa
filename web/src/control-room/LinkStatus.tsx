import type { ControlRoomState } from '../data/control-room-store';
import { formatClock } from './readout';

const LABELS = { connecting: 'CONNECTING', live: 'LIVE', lost: 'LINK LOST' } as const;

/** LIVE while the socket is up and delivering; LINK LOST, loudly, as soon as it drops. */
export function LinkStatus({ link }: { link: ControlRoomState['link'] }) {
  return (
    <div className={`link link-${link.status}`} role="status" aria-live="assertive">
      <span className="link-dot" />
      <span className="link-label" data-testid="link-status" data-status={link.status}>
        {LABELS[link.status]}
      </span>
      <span className="link-time" data-testid="last-update" data-time={link.lastUpdateAt ?? ''}>
        {link.lastUpdateAt ? `last update ${formatClock(link.lastUpdateAt)}` : 'no data yet'}
      </span>
    </div>
  );
}

/** Across the map while the link is down, so nobody mistakes frozen numbers for live ones. */
export function LinkLostBanner({ link }: { link: ControlRoomState['link'] }) {
  if (link.status !== 'lost') return null;
  return (
    <div className="link-lost-banner" role="alert">
      <strong>LINK LOST</strong>
      <span>
        {link.lastUpdateAt
          ? `values frozen since ${formatClock(link.lastUpdateAt)} · reconnecting`
          : 'no connection to the control-room server · reconnecting'}
      </span>
    </div>
  );
}
