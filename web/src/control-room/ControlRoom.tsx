'use client';
import dynamic from 'next/dynamic';
import { useControlRoomState } from './console-state';
import { LinkLostBanner } from './LinkStatus';
import { SidePanel } from './SidePanel';

// deck.gl needs WebGL2 and window: browser only.
const ControlRoomMap = dynamic(() => import('../map/ControlRoomMap'), {
  ssr: false,
  loading: () => <div className="map map-loading" />,
});

/** The map console: city map and asset panel under the (console) layout's header. */
export function ControlRoom() {
  const state = useControlRoomState();
  return (
    <div className={`control-room link-state-${state.link.status}`}>
      <main className="stage">
        <ControlRoomMap state={state} />
        <LinkLostBanner link={state.link} />
      </main>
      <SidePanel state={state} />
    </div>
  );
}
