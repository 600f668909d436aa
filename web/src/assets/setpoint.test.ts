import { describe, expect, it } from 'vitest';
import { checkSetpoint, isFinished, phaseOf, reauthOf } from './setpoint';

describe('a setpoint command as the operator follows it', () => {
  it('is pending while it waits for the gateway and while the gateway writes', () => {
    expect(phaseOf('pending')).toBe('pending');
    expect(phaseOf('executing')).toBe('pending');
    expect(isFinished('executing')).toBe(false);
  });

  it('is confirmed once the gateway read the value back, and then polling stops', () => {
    expect(phaseOf('done')).toBe('confirmed');
    expect(isFinished('done')).toBe(true);
  });

  it('ends rejected, failed or expired as the gateway says', () => {
    for (const status of ['rejected', 'failed', 'expired'] as const) {
      expect(phaseOf(status)).toBe(status);
      expect(isFinished(status)).toBe(true);
    }
  });
});

describe('the check before sending', () => {
  const dim: [number, number] = [0, 100];

  it('takes a value inside the write range, edges included', () => {
    expect(checkSetpoint(35, dim)).toBe('ok');
    expect(checkSetpoint(0, dim)).toBe('ok');
    expect(checkSetpoint(100, dim)).toBe('ok');
  });

  it('says which side a value outside lies on', () => {
    expect(checkSetpoint(-1, dim)).toBe('below');
    expect(checkSetpoint(100.5, dim)).toBe('above');
  });

  it('wants a number, and a channel with a write range', () => {
    expect(checkSetpoint(null, dim)).toBe('empty');
    expect(checkSetpoint(Number.NaN, dim)).toBe('empty');
    expect(checkSetpoint(35, null)).toBe('no-range');
  });
});

describe('a refusal that asks for a fresh sign-in', () => {
  it('names the password or the identity provider', () => {
    expect(reauthOf({ data: { code: 'UNAUTHORIZED', reauth: 'password' } })).toBe('password');
    expect(reauthOf({ data: { code: 'UNAUTHORIZED', reauth: 'oidc' } })).toBe('oidc');
  });

  it('is null where the session cannot prove itself again (a display)', () => {
    expect(reauthOf({ data: { code: 'UNAUTHORIZED', reauth: null } })).toBeNull();
  });

  it('is not any other refusal', () => {
    expect(reauthOf({ data: { code: 'BAD_REQUEST', reauth: null } })).toBeUndefined();
    expect(reauthOf(new Error('network'))).toBeUndefined();
    expect(reauthOf(null)).toBeUndefined();
  });
});
