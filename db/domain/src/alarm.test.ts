import { describe, expect, it } from 'vitest';
import { LocalizedTextSchema, localizedTextSchema } from './alarm';

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
});
