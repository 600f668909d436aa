import { may, type Permission, type Role } from '@city/domain';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import {
  CLIENT_EVENT_PERMISSIONS,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../shared/contract';
import type { ScreenData } from './screen-access';

type Screen = Socket<ClientToServerEvents, ServerToClientEvents>;
type EventTable = Readonly<Record<string, Permission>>;

export type EventCheck = { ok: true } | { ok: false; message: string };

/** Denied by default: an event the table does not list is nobody's, whatever the role. */
export function checkClientEvent(
  role: Role,
  event: string,
  table: EventTable = CLIENT_EVENT_PERMISSIONS,
): EventCheck {
  const needs = Object.hasOwn(table, event) ? table[event] : undefined;
  if (!needs) return { ok: false, message: `"${event}" is not an event this server takes` };
  if (!may(role, needs))
    return {
      ok: false,
      message: `"${event}" needs the "${needs}" permission, which the role ${role} does not have`,
    };
  return { ok: true };
}

/**
 * Runs before every handler of the socket: a packet whose event the signed-in role may not send is
 * answered with `event-refused` and goes no further. The socket stays open, so a screen from a newer
 * release talking to an older server keeps its live view.
 */
export function guardClientEvents(
  socket: Screen,
  logger: Logger,
  table: EventTable = CLIENT_EVENT_PERMISSIONS,
): void {
  socket.use(([event], next) => {
    const name = String(event).slice(0, 64);
    const check = checkClientEvent((socket.data as ScreenData).principal.user.role, name, table);
    if (check.ok) return next();
    logger.warn({ socket: socket.id, event: name }, 'refused a client event');
    socket.emit('event-refused', { event: name, message: check.message });
  });
}
