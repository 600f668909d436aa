import { describe, expect, it } from 'vitest';
import { AlarmRuleSchema, LocalizedTextSchema, localizedTextSchema } from './alarm';

const messagesOf = (given: unknown) => {
  const parsed = LocalizedTextSchema.safeParse(given);
  return parsed.success ? [] : parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
};

describe('a text in each language', () => {
  it('takes a plain string as the same text in Dutch and English', () => {
    expect(LocalizedTextSchema.parse('Gemaal {asset}')).toEqual({
      nl: 'Gemaal {asset}',
      en: 'Gemaal {asset}',
    });
  });

  it('takes each language on its own, leaving a blank one out', () => {
    expect(LocalizedTextSchema.parse({ nl: 'Putniveau hoog', en: 'Wet well high' })).toEqual({
      nl: 'Putniveau hoog',
      en: 'Wet well high',
    });
    expect(LocalizedTextSchema.parse({ nl: 'Putniveau hoog', en: '  ' })).toEqual({ nl: 'Putniveau hoog' });
  });

  it('refuses an empty text, saying what to give', () => {
    expect(messagesOf({})).toEqual([['', 'give the text as a string or as { nl, en }, not empty']]);
    expect(messagesOf('')).toEqual([['', 'give the text as a string or as { nl, en }, not empty']]);
    expect(messagesOf({ nl: '', en: ' ' })).toEqual([
      ['', 'give the text as a string or as { nl, en }, not empty'],
    ]);
    expect(messagesOf(42)).toEqual([['', 'give the text as a string or as { nl, en }']]);
    expect(messagesOf({ nl: 'x', fr: 'x' })).toEqual([
      ['', 'give the text as a string or as { nl, en }; only nl and en'],
    ]);
  });

  it('says which language is too long', () => {
    const name = localizedTextSchema(10).safeParse({ nl: 'Putniveau te hoog', en: 'High' });
    expect(name.success ? [] : name.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['nl', 'at most 10 characters'],
    ]);
  });

  it('is what a rule’s name and message are, so a rule written before stays valid', () => {
    const rule = AlarmRuleSchema.parse({
      id: 'no2-high',
      name: 'NO₂ high',
      kind: 'high',
      target: { channelId: 'aq/no2' },
      limit: 200,
      priority: 2,
      message: { en: '{asset}: NO₂ {value} {unit}', nl: '{asset}: NO₂ {value} {unit}, te hoog' },
    });
    expect(rule.name).toEqual({ nl: 'NO₂ high', en: 'NO₂ high' });
    expect(rule.message.nl).toBe('{asset}: NO₂ {value} {unit}, te hoog');
    expect(AlarmRuleSchema.safeParse({ ...rule, name: {} }).error?.issues[0]?.path).toEqual(['name']);
  });
});
