import { StatusCode } from '@city/domain';
import { describe, expect, it } from 'vitest';
import { readoutOf } from './readout';

const no2 = { displayRange: [0, 200] as [number, number] };
const latest = (value: number | null, statusCode: number) => ({
  channelId: 'aq-vondelpark/no2',
  value,
  statusCode,
  sourceTime: 1_700_000_000_000,
  serverTime: 1_700_000_000_100,
});

describe('readout of a channel', () => {
  it('shows a good NO₂ value with one decimal', () => {
    expect(readoutOf(no2, latest(41.53, StatusCode.Good))).toMatchObject({
      text: '41.5',
      quality: 'good',
      status: '',
    });
  });

  it('marks a failed sensor as bad and names the OPC UA status', () => {
    expect(readoutOf(no2, latest(null, StatusCode.BadSensorFailure))).toMatchObject({
      text: '—',
      quality: 'bad',
      status: 'BadSensorFailure',
    });
  });

  it('keeps the last usable value but marks it uncertain', () => {
    expect(readoutOf(no2, latest(38, StatusCode.UncertainLastUsableValue))).toMatchObject({
      text: '38.0',
      quality: 'uncertain',
    });
  });

  it('says "no data" for a channel that has not reported yet', () => {
    expect(readoutOf(no2, undefined)).toMatchObject({ text: '—', quality: 'no-data' });
  });
});
