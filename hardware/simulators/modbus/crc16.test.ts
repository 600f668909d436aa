import { describe, expect, it } from 'vitest';
import { crc16 } from './crc16';

describe('Modbus RTU CRC-16', () => {
  it('matches the worked example of the serial-line specification and a read request as masters send it', () => {
    // Modbus over Serial Line V1.02, 6.2.2: a frame 02 07 has the CRC 0x1241 (sent 41 12).
    expect(crc16(Buffer.from([0x02, 0x07]))).toBe(0x1241);
    // Read 10 holding registers from address 0 of slave 1: 01 03 00 00 00 0A C5 CD.
    expect(crc16(Buffer.from([0x01, 0x03, 0x00, 0x00, 0x00, 0x0a]))).toBe(0xcdc5);
  });
});
