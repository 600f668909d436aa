import { ControlRoom } from '../control-room/ControlRoom';

/** Live data comes from the browser over Socket.IO and tRPC; nothing here touches the database. */
export const dynamic = 'force-static';

export default function ControlRoomPage() {
  return <ControlRoom />;
}
