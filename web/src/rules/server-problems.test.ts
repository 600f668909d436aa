import { describe, expect, it } from 'vitest';
import { serverRefusal } from './server-problems';

describe("the server's refusal of a rule", () => {
  it('puts each zod issue beside its field', () => {
    const error = new Error(
      JSON.stringify([
        { code: 'too_small', path: ['rule', 'deadband'], message: 'Too small: expected number to be >=0' },
        { code: 'too_big', path: ['rule', 'onDelayMs'], message: 'Too big: expected int to be <=86400000' },
        { code: 'custom', path: ['rule', 'message', 'nl'], message: 'at most 500 characters' },
      ]),
    );
    expect(serverRefusal(error)).toEqual({
      fields: {
        deadband: 'Too small: expected number to be >=0',
        onDelay: 'Too big: expected int to be <=86400000',
        message: 'at most 500 characters',
      },
      form: null,
    });
  });

  it('gives the form what no field owns, and a plain refusal as it is', () => {
    const error = new Error(JSON.stringify([{ path: ['rule', 'target'], message: 'Invalid input' }]));
    expect(serverRefusal(error)).toEqual({ fields: {}, form: 'rule.target: Invalid input' });
    expect(serverRefusal(new Error('alarms.rules.save needs the "rules.edit" permission'))).toEqual({
      fields: {},
      form: 'alarms.rules.save needs the "rules.edit" permission',
    });
  });
});
