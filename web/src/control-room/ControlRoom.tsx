'use client';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { DockedAlarms } from '../alarms/DockedAlarms';
import { loadBasemap } from '../data/basemap';
import { useRealtime } from '../data/realtime/RealtimeProvider';
import { MapControls } from '../map/MapControls';
import { ALL_LAYERS_SHOWN, type MapSelection, watchOf } from '../map/map-selection';
import { useControlRoomState } from './console-state';
import { LinkLostBanner } from './LinkStatus';
import { SidePanel } from './SidePanel';

// The shipped base map's files load as this module does, while the page still hydrates and the map's
// own chunk is on its way: started at mount, at 10,000 stations they came in last, behind the long
// tasks of the catalog. The map reads the same promise; a failure is shown there.
if (typeof window !== 'undefined') loadBasemap().catch(() => {});

// deck.gl needs WebGL2 and window: browser only.
const ControlRoomMap = dynamic(() => import('../map/ControlRoomMap'), {
  ssr: false,
  loading: () => <div className="map map-loading" />,
});

/** Ask the socket for what the map shows, once the operator has stopped clicking (the server rate-limits watches). */
function useWatch(selection: MapSelection) {
  const realtime = useRealtime();
  const watch = useMemo(() => watchOf(selection), [selection]);
  const key = JSON.stringify(watch);
  // The socket's hello already asked for everything; only a change is worth a new snapshot.
  const sent = useRef('{}');
  // biome-ignore lint/correctness/useExhaustiveDependencies: key is the watch's content
  useEffect(() => {
    if (key === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = key;
      realtime.watch(watch);
    }, 250);
    return () => clearTimeout(timer);
  }, [realtime, key]);
}

/** The map console: controls and map, the docked alarm list, and the asset panel, under the (console) header. */
export function ControlRoom() {
  const t = useTranslations('map.panel');
  const state = useControlRoomState();
  const [selection, setSelection] = useState<MapSelection>(ALL_LAYERS_SHOWN);
  useWatch(selection);
  const districts = useMemo(
    () =>
      [
        ...new Set(
          (state.catalog?.assets ?? []).map((asset) => asset.district).filter((d): d is string => !!d),
        ),
      ].sort(),
    [state.catalog],
  );
  return (
    <div className={`control-room link-state-${state.link.status}`}>
      <main className="stage">
        <MapControls selection={selection} districts={districts} onChange={setSelection} />
        <ControlRoomMap catalog={state.catalog} selection={selection} />
        <LinkLostBanner link={state.link} />
      </main>
      <aside className="alarm-column" aria-label={t('alarms')}>
        <DockedAlarms />
      </aside>
      <SidePanel state={state} selection={selection} />
    </div>
  );
}
