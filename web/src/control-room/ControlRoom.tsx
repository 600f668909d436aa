'use client';
import dynamic from 'next/dynamic';
import { useControlRoom } from '../data/use-control-room';
import { Clock } from './Clock';
import { LinkLostBanner, LinkStatus } from './LinkStatus';
import { SidePanel } from './SidePanel';

// deck.gl needs WebGL2 and window: browser only.
const ControlRoomMap = dynamic(() => import('../map/ControlRoomMap'), {
  ssr: false,
  loading: () => <div className="map map-loading" />,
});

/** The control-room wall screen: top bar, city map and asset panel. */
export function ControlRoom() {
  const state = useControlRoom();
  return (
    <div className={`control-room link-state-${state.link.status}`}>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden />
          <span className="brand-city">Amsterdam</span>
          <span className="brand-title">City Operations · Control Room</span>
        </div>
        <div className="topbar-right">
          <LinkStatus link={state.link} />
          <Clock />
        </div>
      </header>
      <main className="stage">
        <ControlRoomMap state={state} />
        <LinkLostBanner link={state.link} />
      </main>
      <SidePanel state={state} />
    </div>
  );
}
