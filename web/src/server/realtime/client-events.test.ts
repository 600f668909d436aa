import { may, ROLES } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { CLIENT_EVENT_PERMISSIONS } from '../../shared/contract';
import { checkClientEvent } from './client-events';

describe('which client events a signed-in screen may send', () => {
  it('lets every role send each listed event exactly when the permission table says so', () => {
    for (const role of ROLES)
      for (const [event, needs] of Object.entries(CLIENT_EVENT_PERMISSIONS))
        expect(checkClientEvent(role, event).ok, `${role} ${event}`).toBe(may(role, needs));
  });

  it('refuses an event the table does not list, even to an admin, and names it', () => {
    expect(checkClientEvent('admin', 'setpoint')).toEqual({
      ok: false,
      message: '"setpoint" is not an event this server takes',
    });
    expect(checkClientEvent('admin', 'toString').ok).toBe(false);
  });

  it('refuses a listed event to a role without its permission, naming both', () => {
    const table = { dim: 'setpoint.write' } as const;
    expect(checkClientEvent('engineer', 'dim', table)).toEqual({ ok: true });
    expect(checkClientEvent('operator', 'dim', table)).toEqual({
      ok: false,
      message: '"dim" needs the "setpoint.write" permission, which the role operator does not have',
    });
  });
});
