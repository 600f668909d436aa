import type { ReactNode } from 'react';
import { ConsoleHeader } from '../../control-room/ConsoleHeader';
import { ControlRoomProvider } from '../../control-room/ControlRoomProvider';
import { SignedOutDialog } from '../../control-room/SignedOutDialog';
import { SessionProvider } from '../../data/use-session';
import './console.css';

/**
 * What every console route shares: who is signed in, one realtime connection per tab, the header,
 * and the signed-out notice that covers the screen when the session ends.
 */
export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <ControlRoomProvider>
        <div className="console">
          <ConsoleHeader />
          {children}
        </div>
        <SignedOutDialog />
      </ControlRoomProvider>
    </SessionProvider>
  );
}
