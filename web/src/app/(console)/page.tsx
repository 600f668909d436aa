import { preload } from 'react-dom';
import { ControlRoom } from '../../control-room/ControlRoom';
import { BASEMAP_FILES } from '../../data/basemap';

/** The map console. Live data comes from the browser over Socket.IO and tRPC; nothing here touches the database. */
export default function ControlRoomPage() {
  // The shipped base map's files are asked for as the HTML arrives, not once the scripts have run; the
  // map's fetch() takes the preloaded answers (same CORS mode). A city with its own style loses 31 kB.
  for (const file of Object.values(BASEMAP_FILES)) preload(file, { as: 'fetch', crossOrigin: 'anonymous' });
  return <ControlRoom />;
}
