import { describe, expect, it } from 'vitest';
import { CommandLimiter } from './command-limits';

describe('command rate limits', () => {
  it('takes at most 6 commands a minute to one light segment, whoever sends them, and frees them as the minute passes', () => {
    let now = 0;
    const limits = new CommandLimiter({ perUser: 20, perChannel: 6, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 6; i++) expect(limits.take(i % 2 ? 'anna' : 'piet', 'sl-12/dim-level').ok).toBe(true);
    const refused = limits.take('anna', 'sl-12/dim-level');
    expect(refused).toMatchObject({ ok: false, retryAfterS: 60 });
    expect(refused.ok ? '' : refused.message).toContain('at most 6 commands a minute to sl-12/dim-level');
    expect(limits.take('anna', 'sl-13/dim-level').ok).toBe(true);
    now = 60_001;
    expect(limits.take('anna', 'sl-12/dim-level').ok).toBe(true);
  });

  it('takes at most 20 a minute from one user across channels, and a refusal uses up nothing', () => {
    let now = 0;
    const limits = new CommandLimiter({ perUser: 20, perChannel: 6, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 20; i++) expect(limits.take('anna', `sl-${i}/dim-level`).ok).toBe(true);
    now = 30_000;
    expect(limits.take('anna', 'sl-99/dim-level')).toMatchObject({ ok: false, retryAfterS: 30 });
    // The refused command took no slot from the channel: another user may still use all six.
    for (let i = 0; i < 6; i++) expect(limits.take('piet', 'sl-99/dim-level').ok).toBe(true);
  });
});
