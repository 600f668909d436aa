import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCity } from '../../city/loader';
import { type RunningCabinet, startCabinet } from '../cabinet';

/**
 * Malformed and hostile requests, sent as raw bytes. Whatever arrives, the cabinet answers with an
 * exception or not at all, and goes on serving: a field device must never fall over on a request.
 */
let cabinet: RunningCabinet;
beforeAll(async () => {
  const [skeleton] = loadCity().cabinets;
  if (!skeleton) throw new Error('the skeleton city has no cabinet');
  cabinet = await startCabinet(skeleton, { port: 0 });
});
afterAll(() => cabinet.stop());

/** Sends raw bytes on a fresh connection; resolves with what came back within the wait (empty: silence). */
function exchange(bytes: readonly number[], waitMs = 150): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const received: number[] = [];
    const socket = connect(cabinet.port, cabinet.host, () => socket.write(Buffer.from(bytes)));
    socket.on('data', (chunk) => received.push(...chunk));
    socket.on('error', reject);
    setTimeout(() => {
      socket.destroy();
      resolve(received);
    }, waitMs);
  });
}

/** A Modbus TCP frame: MBAP header (transaction 0x0102, protocol 0, length) + unit id + PDU. */
function frame(unitId: number, pdu: readonly number[]): number[] {
  const length = pdu.length + 1;
  return [0x01, 0x02, 0x00, 0x00, length >> 8, length & 0xff, unitId, ...pdu];
}

/** The exception code of a single exception response, or undefined. */
function exceptionCodeOf(response: readonly number[]): number | undefined {
  const functionCode = response[7] ?? 0;
  return response.length === 9 && functionCode & 0x80 ? response[8] : undefined;
}

describe('the cabinet under malformed requests', () => {
  it('answers an unknown function code with "illegal function"', async () => {
    expect(exceptionCodeOf(await exchange(frame(1, [0x63, 0, 0, 0, 1])))).toBe(0x01);
  });

  it('answers quantities outside the specification with "illegal data value", and reads past 65535 with "illegal address"', async () => {
    // Modbus Application Protocol V1.1b3, section 6: quantity 1..125 registers or 1..2000 bits, else 03.
    expect(exceptionCodeOf(await exchange(frame(1, [0x04, 0, 0, 0, 0])))).toBe(0x03);
    expect(exceptionCodeOf(await exchange(frame(1, [0x03, 0, 0, 0, 0])))).toBe(0x03);
    expect(exceptionCodeOf(await exchange(frame(1, [0x04, 0, 0, 0, 126])))).toBe(0x03);
    expect(exceptionCodeOf(await exchange(frame(1, [0x01, 0, 0, 0x07, 0xd1])))).toBe(0x03);
    expect(exceptionCodeOf(await exchange(frame(2, [0x04, 0xff, 0xff, 0, 2])))).toBe(0x02);
    // Inside the limits but where the device has no point.
    expect(exceptionCodeOf(await exchange(frame(2, [0x04, 0x10, 0x00, 0, 2])))).toBe(0x02);
  });

  it('answers a zero-length multiple write, and a byte count that does not match, with "illegal data value"', async () => {
    expect(exceptionCodeOf(await exchange(frame(2, [0x10, 0, 0, 0, 0, 0])))).toBe(0x03);
    // Two registers announced, one carried.
    expect(exceptionCodeOf(await exchange(frame(2, [0x10, 0, 0, 0, 2, 4, 0, 60])))).toBe(0x03);
    expect(exceptionCodeOf(await exchange(frame(1, [0x05, 0, 0, 0x12, 0x34])))).toBe(0x03);
  });

  it('answers requests for the broadcast and the "this device" unit ids as an empty bus would', async () => {
    expect(exceptionCodeOf(await exchange(frame(0, [0x04, 0, 0, 0, 1])))).toBe(0x0b);
    expect(exceptionCodeOf(await exchange(frame(255, [0x04, 0, 0, 0, 1])))).toBe(0x0b);
  });

  it('answers device identification, which it does not offer, with "illegal function"', async () => {
    expect(exceptionCodeOf(await exchange(frame(1, [0x2b, 0x0e, 0x01, 0x00])))).toBe(0x01);
  });

  it('answers truncated requests with "illegal data value", and drops the connection on noise', async () => {
    expect(exceptionCodeOf(await exchange(frame(1, [0x03])))).toBe(0x03);
    expect(exceptionCodeOf(await exchange(frame(1, [0x04, 0, 0, 0])))).toBe(0x03);
    // A header announcing more than any frame holds, a wrong protocol id, plain noise: no answer.
    expect(await exchange([0x00, 0x01, 0x00, 0x00, 0xff, 0xff, 0x01, 0x03])).toEqual([]);
    expect(await exchange([0x00, 0x01, 0x00, 0x07, 0x00, 0x06, 0x01, 0x03, 0, 0, 0, 1])).toEqual([]);
    const noise = Array.from({ length: 64 }, (_, i) => (i * 151 + 7) & 0xff);
    expect(await exchange(noise)).toEqual([]);
  });

  it('answers several requests sent in one segment, each under its own transaction id', async () => {
    const first = frame(1, [0x04, 0, 0, 0, 2]);
    const second = [0x00, 0x09, ...frame(2, [0x04, 0, 0, 0, 1]).slice(2)];
    const response = await exchange([...first, ...second]);
    expect(response.slice(0, 2)).toEqual([0x01, 0x02]);
    expect(response.slice(13, 15)).toEqual([0x00, 0x09]);
    expect(response).toHaveLength(13 + 11);
  });

  it('still answers a proper request after all of that', async () => {
    const response = await exchange(frame(2, [0x04, 0, 0, 0, 4]));
    expect(response.slice(0, 2)).toEqual([0x01, 0x02]);
    expect(response[7]).toBe(0x04);
    expect(response[8]).toBe(8);
    expect(response).toHaveLength(9 + 8);
  });
});
