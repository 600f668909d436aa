import { AlarmRuleSchema, type Asset, type Channel } from '@city/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDatabase, type TestDatabase } from '../testing';
import { upsertAlarmRules } from './alarm-rules';
import { upsertAssets, upsertChannels } from './assets';
import { escapeLike, foldForSearch, type SearchHit, searchCity } from './search';

const asset = (id: string, name: string, district: string | null): Asset => ({
  id,
  kind: 'pumping-station',
  layer: 'sewer',
  name,
  geometry: { type: 'Point', coordinates: [4.9, 52.37] },
  district,
  properties: {},
});
const channel = (assetId: string, metric: string, name: string): Channel => ({
  id: `${assetId}/${metric}`,
  assetId,
  metric,
  name,
  unit: '%',
  displayRange: [0, 100],
  writable: false,
  source: null,
});

const city: Asset[] = [
  asset('ps-zeeburg', 'Gemaal Zeeburg', 'Oost'),
  asset('ps-zuidas', 'Gemaal Zuidas', 'Zuid'),
  asset('gemaal', 'Rioolgemaal Noord', 'Noord'),
  asset('ps-helene', 'Pompgebouw Hélène', 'Centrum'),
  asset('ps-full', 'Overstort 100% vol', null),
  asset('ps-under', 'Kelder a_b', null),
  asset('ps-plain', 'Kelder axb', null),
];

describe.each(backends)('finding assets, channels and alarms on %s', (backend) => {
  let target: TestDatabase;
  const find = (text: string, limit = 50) => searchCity(target.db, { text, limit });
  const ids = (hits: SearchHit[]) => hits.map((hit) => `${hit.kind} ${hit.id}`);

  beforeAll(async () => {
    target = await createTestDatabase(backend);
    await upsertAssets(target.db, city);
    await upsertChannels(target.db, [
      channel('ps-zeeburg', 'level', 'Wet well level'),
      channel('ps-zuidas', 'level', 'Wet well level'),
    ]);
    await upsertAlarmRules(target.db, [
      AlarmRuleSchema.parse({
        id: 'wet-well-high',
        name: 'Wet well high',
        kind: 'high',
        target: { assetKind: 'pumping-station', metric: 'level' },
        limit: 90,
        priority: 2,
        message: '{asset} {value} {unit}',
      }),
    ]);
    // Alarms as the engine saves them before anything happened. Their message is never searched:
    // a literal that is valid as text and as jsonb (the column's type before and after migration 0016).
    await target.db.query(
      `INSERT INTO alarms (id, rule_id, channel_id, message)
       VALUES ('wet-well-high@ps-zeeburg/level', 'wet-well-high', 'ps-zeeburg/level', $1),
              ('wet-well-high@gw-oost/comms', 'wet-well-high', 'gw-oost/comms', $1)`,
      ['{"key": "alarm.high", "params": {"asset": "Only in the message"}}'],
    );
  });
  afterAll(async () => {
    await target?.drop();
  });

  it('"gemaal" finds the asset whose id it is first, then names that start with it, shorter first', async () => {
    expect(ids(await find('gemaal'))).toEqual([
      'asset gemaal',
      'asset ps-zuidas',
      'asset ps-zeeburg',
      'alarm wet-well-high@ps-zeeburg/level',
    ]);
  });

  it('"zuid" finds Gemaal Zuidas, its channel and nothing of Zeeburg; upper case finds the same', async () => {
    const hits = await find('zuid');
    expect(ids(hits)).toEqual(['asset ps-zuidas', 'channel ps-zuidas/level']);
    expect(hits[0]).toEqual({
      kind: 'asset',
      id: 'ps-zuidas',
      label: 'Gemaal Zuidas',
      detail: 'Zuid',
      assetId: 'ps-zuidas',
    });
    expect(hits[1]).toMatchObject({ label: 'Wet well level', detail: 'Gemaal Zuidas', assetId: 'ps-zuidas' });
    expect(ids(await find('ZUID'))).toEqual(ids(hits));
  });

  it('accents do not matter on either side: "helene" and "HÉLÈNE" find Hélène, "pompgebóuw" too', async () => {
    for (const text of ['helene', 'HÉLÈNE', 'pompgebóuw']) {
      expect(ids(await find(text)), text).toEqual(['asset ps-helene']);
    }
  });

  it('"%" and "_" match themselves, not any text or any character', async () => {
    expect(ids(await find('%'))).toEqual(['asset ps-full']);
    expect(ids(await find('100%'))).toEqual(['asset ps-full']);
    expect(ids(await find('a_b'))).toEqual(['asset ps-under']);
    expect(ids(await find('_'))).toEqual(['asset ps-under']);
    expect(ids(await find('\\'))).toEqual([]);
    expect(ids(await find('(.*'))).toEqual([]);
  });

  it('finds an alarm by its id, its rule, its channel and its asset name, with the asset to open', async () => {
    const byRule = await find('wet-well-high');
    expect(ids(byRule)).toEqual([
      'alarm wet-well-high@gw-oost/comms',
      'alarm wet-well-high@ps-zeeburg/level',
    ]);
    expect(byRule[1]).toEqual({
      kind: 'alarm',
      id: 'wet-well-high@ps-zeeburg/level',
      label: 'Gemaal Zeeburg · Wet well level',
      detail: 'wet-well-high',
      assetId: 'ps-zeeburg',
    });
    // A communications alarm has no asset: labelled by its subject.
    expect(byRule[0]).toMatchObject({ label: 'gw-oost/comms', assetId: null });
    expect(ids(await find('wet-well-high@ps-zeeburg/level'))).toEqual([
      'alarm wet-well-high@ps-zeeburg/level',
    ]);
    expect(ids(await find('zeeburg'))).toEqual([
      'asset ps-zeeburg',
      'channel ps-zeeburg/level',
      'alarm wet-well-high@ps-zeeburg/level',
    ]);
    expect(ids(await find('gw-oost'))).toEqual(['alarm wet-well-high@gw-oost/comms']);
    expect(await find('only in the message')).toEqual([]);
  });

  it('gives at most the limit, best first', async () => {
    expect(ids(await find('gemaal', 2))).toEqual(['asset gemaal', 'asset ps-zuidas']);
    expect(await find('   ')).toEqual([]);
  });
});

describe('folding and escaping what a person types', () => {
  it('folds case and accents as the database does, and escapes LIKE wildcards', () => {
    expect(foldForSearch('Één Café ZÜRICH')).toBe('een cafe zurich');
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
  });
});
