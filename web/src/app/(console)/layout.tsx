import type { ReactNode } from 'react';
import { AlarmBanner } from '../../alarms/AlarmBanner';
import { ConsoleHeader } from '../../control-room/ConsoleHeader';
import { SignedOutDialog } from '../../control-room/SignedOutDialog';
import { RealtimeProvider } from '../../data/realtime/RealtimeProvider';
import { ServerStateProvider } from '../../data/trpc';
import { SessionProvider } from '../../data/use-session';
import './console.css';

/**
 * What every console route shares: server state (one QueryClient), who is signed in, one realtime
 * connection per tab, the header, and the signed-out notice that covers the screen when the session
 * ends. (wall) and (field) get layouts of their own beside this one.
 */
export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <ServerStateProvider>
      <SessionProvider>
        <RealtimeProvider>
          <div className="console">
            <ConsoleHeader />
            <AlarmBanner />
            {children}
          </div>
          <SignedOutDialog />
        </RealtimeProvider>
      </SessionProvider>
    </ServerStateProvider>
  );
}
