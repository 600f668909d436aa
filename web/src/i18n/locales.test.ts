import { describe, expect, it } from 'vitest';
import { localeCookie, resolveLocale } from './locales';
import { loadMessages } from './messages';

describe('the language a screen opens in', () => {
  it('is Dutch for a browser that says nothing, or asks only for languages we lack', () => {
    expect(resolveLocale(undefined, undefined)).toBe('nl');
    expect(resolveLocale(undefined, 'de-DE,fr;q=0.8')).toBe('nl');
  });

  it("follows the browser's preferred supported language by weight", () => {
    expect(resolveLocale(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(resolveLocale(undefined, 'de-DE,en-US;q=0.7,nl;q=0.8')).toBe('nl');
    expect(resolveLocale(undefined, 'nl;q=0,en;q=0.5')).toBe('en');
  });

  it('is what the language switch chose, over the browser', () => {
    expect(resolveLocale('en', 'nl-NL')).toBe('en');
    expect(resolveLocale('fr', 'en')).toBe('en');
    expect(localeCookie('en')).toMatch(/^locale=en; Path=\/; Max-Age=\d+; SameSite=Lax$/);
  });
});

/** Every key path with its ICU placeholders, e.g. "link.lastUpdate {time}". */
function shapeOf(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [`${prefix}${key} ${[...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).join(',')}`]
      : shapeOf(value as object, `${prefix}${key}.`),
  );
}

describe('the message files', () => {
  it('hold the same keys and placeholders in Dutch and English, in every namespace file', async () => {
    const [nl, en] = await Promise.all([loadMessages('nl'), loadMessages('en')]);
    expect(shapeOf(en).sort()).toEqual(shapeOf(nl).sort());
    expect(shapeOf(nl).length).toBeGreaterThan(100);
  });
});
