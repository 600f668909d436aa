import { ControlRoom } from '../../control-room/ControlRoom';

/** The map console. Live data comes from the browser over Socket.IO and tRPC; nothing here touches the database. */
export default function ControlRoomPage() {
  return <ControlRoom />;
}
