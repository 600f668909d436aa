import { StatusCode } from '@city/domain';
import { StatusCodes } from 'node-opcua';
import { describe, expect, it } from 'vitest';

describe('our quality codes', () => {
  it('are the OPC UA StatusCodes of the same name, so values read over OPC UA keep their meaning', () => {
    for (const [name, code] of Object.entries(StatusCode)) {
      const opcUa = (StatusCodes as unknown as Record<string, { value: number } | undefined>)[name];
      expect(opcUa, `node-opcua knows no ${name}`).toBeDefined();
      expect(code.toString(16), name).toBe(opcUa?.value.toString(16));
    }
  });
});
