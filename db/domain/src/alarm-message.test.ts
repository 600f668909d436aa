import { describe, expect, it } from 'vitest';
import type { AlarmMessage } from './alarm';
import { alarmMessageKey, renderAlarmMessage, textFor } from './alarm-message';

const wetWell: AlarmMessage = {
  key: 'alarm.high',
  params: {
    ruleId: 'sewer-high-level',
    asset: 'Zeeburg',
    assetId: 'pump-zeeburg',
    channel: 'Wet well level',
    metric: 'level',
    unit: 'm',
    value: 2.456,
    limit: 2.3,
  },
};

describe('an alarm message worded for the reader', () => {
  it('fills the template with the numbers formatted per language', () => {
    const template = {
      nl: 'Gemaal {asset}: putniveau {value} {unit}, boven {limit} {unit}',
      en: 'Pumping station {asset}: wet well at {value} {unit}, above {limit} {unit}',
    };
    expect(renderAlarmMessage(wetWell, template.nl, 'nl')).toBe(
      'Gemaal Zeeburg: putniveau 2,46 m, boven 2,3 m',
    );
    expect(renderAlarmMessage(wetWell, template.en, 'en')).toBe(
      'Pumping station Zeeburg: wet well at 2.46 m, above 2.3 m',
    );
  });

  it('shows a dash for a message without a value, and takes the caller’s number format', () => {
    const silent: AlarmMessage = { ...wetWell, params: { ...wetWell.params, value: null } };
    expect(renderAlarmMessage(silent, '{channel} {value} ({limit})', 'en', (n) => n.toFixed(3))).toBe(
      'Wet well level — (2.300)',
    );
  });

  it('fills each placeholder once: an asset named like a placeholder stays its name', () => {
    const odd: AlarmMessage = { ...wetWell, params: { ...wetWell.params, asset: '{value}' } };
    expect(renderAlarmMessage(odd, '{asset} {value} {unknown}', 'en')).toBe('{value} 2.46 {unknown}');
  });

  it('keys a rule by its kind, and a silent gateway or device by whose silence it is', () => {
    expect(alarmMessageKey({ kind: 'low-low', target: { channelId: 'a/b' } })).toBe('alarm.low-low');
    expect(alarmMessageKey({ kind: 'no-data', target: { channelId: 'a/b' } })).toBe('alarm.no-data');
    expect(alarmMessageKey({ kind: 'no-data', target: { scope: 'gateways' } })).toBe('alarm.gateway-silent');
    expect(alarmMessageKey({ kind: 'no-data', target: { scope: 'devices' } })).toBe('alarm.device-silent');
  });

  it('reads a text in the other language where one is missing', () => {
    expect(textFor({ en: 'Wet well high' }, 'nl')).toBe('Wet well high');
    expect(textFor({ nl: 'Putniveau hoog', en: 'Wet well high' }, 'nl')).toBe('Putniveau hoog');
  });
});
