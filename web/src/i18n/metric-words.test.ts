import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import en from '../../messages/en/metrics.json';
import nl from '../../messages/nl/metrics.json';
import { localiseChannels, type MetricCatalogue, stateWord, wordsOf } from './metric-words';

/** The device profiles the city is built from: every channel's metric comes from one of their points. */
interface ProfilePoint {
  label: string;
  metric: string;
  type: string;
  values?: Record<string, string>;
  bits?: Record<string, string>;
}
const PROFILES_DIR = fileURLToPath(new URL('../../../hardware/profiles/', import.meta.url));
const profiles = readdirSync(PROFILES_DIR)
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => parse(readFileSync(`${PROFILES_DIR}${file}`, 'utf8')) as Profile);
interface Profile {
  model: string;
  assetKind: string;
  points: ProfilePoint[];
}
const points = profiles.flatMap((profile) => profile.points.map((point) => ({ profile, point })));
const CATALOGUES: Record<string, MetricCatalogue> = { nl, en };

describe('the metric catalogue', () => {
  it('reads every profile of the city', () => {
    expect(profiles.map((profile) => profile.model)).toContain('sewer-pumping-station');
    expect(points.length).toBeGreaterThan(50);
  });

  for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
    it(`names every metric of every profile in ${locale}`, () => {
      const unnamed = points
        .filter(({ profile, point }) => !wordsOf(catalogue, profile.assetKind, point.metric).name)
        .map(({ profile, point }) => `${profile.model}: ${point.metric}`);
      expect(unnamed).toEqual([]);
    });

    it(`has a word for every value of an enum or switch, and every named bit, in ${locale}`, () => {
      const missing = points.flatMap(({ profile, point }) => {
        const words = wordsOf(catalogue, profile.assetKind, point.metric);
        const values =
          point.type === 'bool' ? ['0', '1'] : point.type === 'enum' ? Object.keys(point.values ?? {}) : [];
        const bits = point.type === 'bitfield' ? Object.keys(point.bits ?? {}) : [];
        return [
          ...values.filter((value) => !words.values?.[value]).map((value) => `${point.metric}=${value}`),
          ...bits.filter((bit) => !words.bits?.[bit]).map((bit) => `${point.metric} bit ${bit}`),
          ...(point.type === 'bitfield' && !words.values?.['0'] ? [`${point.metric}=0 (all well)`] : []),
        ];
      });
      expect(missing).toEqual([]);
    });
  }

  it('gives a metric that two kinds of device use with different labels a name per kind', () => {
    const byMetric = new Map<string, typeof points>();
    for (const use of points)
      byMetric.set(use.point.metric, [...(byMetric.get(use.point.metric) ?? []), use]);
    const ambiguous = [...byMetric.values()].filter(
      (uses) => new Set(uses.map(({ point }) => point.label)).size > 1,
    );
    expect(ambiguous.length).toBeGreaterThan(0);
    for (const uses of ambiguous) {
      for (const catalogue of Object.values(CATALOGUES)) {
        const names = uses.map(
          ({ profile, point }) => wordsOf(catalogue, profile.assetKind, point.metric).name,
        );
        expect(new Set(names).size, `${uses[0]?.point.metric}: ${names.join(' / ')}`).toBe(uses.length);
      }
    }
  });
});

describe('channel names in the reader language', () => {
  const channel = (assetId: string, metric: string, name: string) => ({ assetId, metric, name });
  const kinds = new Map([
    ['ps-buiksloterham', 'pumping-station'],
    ['sl-ndsm-1', 'street-light-segment'],
    ['cab-ndsm', 'field-cabinet'],
  ]);

  it('are the catalogue names, by kind where a metric means two things', () => {
    const named = localiseChannels(
      [
        channel('ps-buiksloterham', 'level', 'Wet-well level'),
        channel('sl-ndsm-1', 'power', 'Lamp power'),
        channel('cab-ndsm', 'power', 'Total system power'),
      ],
      (id) => kinds.get(id),
      nl,
    );
    expect(named.map((c) => c.name)).toEqual(['Niveau pompkelder', 'Lampvermogen', 'Totaal vermogen']);
  });

  it("keep the catalog's own name for a metric the catalogue lacks", () => {
    const unknown = channel('ps-buiksloterham', 'sludge-depth', 'Sludge depth');
    expect(localiseChannels([unknown], (id) => kinds.get(id), nl)).toEqual([unknown]);
  });
});

describe('the word for a state', () => {
  const bit = (n: number) => `bit ${n}`;

  it('names an enum value or a switch position', () => {
    expect(stateWord(wordsOf(nl, 'pumping-station', 'pump1-mode'), 1, bit)).toBe('automatisch');
    expect(stateWord(wordsOf(en, 'pumping-station', 'pump1-running'), 0, bit)).toBe('stopped');
  });

  it('lists the bits set in a status word, and says all is well when none is', () => {
    const status = wordsOf(en, 'air-quality-station', 'status');
    expect(stateWord(status, 0, bit)).toBe('all well');
    expect(stateWord(status, 0b101, bit)).toBe('sample pump fault, filter change due');
    expect(stateWord(status, 2 ** 9, bit)).toBe('bit 9');
  });

  it('leaves numbers to the number format: a quantity, a value it does not know, or none', () => {
    expect(stateWord(wordsOf(nl, undefined, 'level'), 1, bit)).toBeNull();
    expect(stateWord(wordsOf(nl, undefined, 'pump1-mode'), 7, bit)).toBeNull();
    expect(stateWord(wordsOf(nl, undefined, 'pump1-mode'), null, bit)).toBeNull();
    expect(stateWord(wordsOf(nl, undefined, 'pump1-mode'), 1.5, bit)).toBeNull();
  });
});
