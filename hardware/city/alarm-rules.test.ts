import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AMSTERDAM_ALARMS_FILE, loadAlarmRules } from './alarm-rules';
import { assetsOf, channelsOf } from './derive';
import { AMSTERDAM_CITY_FILE, loadCity } from './loader';

const dir = mkdtempSync(join(tmpdir(), 'city-alarm-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the demo city's default alarm rules", () => {
  it('each cite their source and target channels the city has', () => {
    const rules = loadAlarmRules();
    const city = loadCity(AMSTERDAM_CITY_FILE);
    const kinds = new Map(assetsOf(city).map((asset) => [asset.id, asset.kind]));
    const channels = channelsOf(city, 'gw');
    expect(rules.length).toBeGreaterThanOrEqual(8);
    for (const rule of rules) {
      expect(rule.reference, rule.id).not.toBe('');
      const { target } = rule;
      if ('assetKind' in target) {
        const matching = channels.filter(
          (channel) => kinds.get(channel.assetId) === target.assetKind && channel.metric === target.metric,
        );
        expect(matching.length, `${rule.id} matches no channel of the demo city`).toBeGreaterThan(0);
      }
    }
  });

  it('each have their name and message in Dutch and in English', () => {
    for (const rule of loadAlarmRules()) {
      expect([rule.name.nl, rule.name.en, rule.message.nl, rule.message.en], rule.id).not.toContain(
        undefined,
      );
      expect(rule.message.nl, rule.id).not.toBe(rule.message.en);
    }
  });

  it('refuse a file with a mistake, naming file, field and line', () => {
    const file = join(dir, 'rules.yaml');
    writeFileSync(file, readFileSync(AMSTERDAM_ALARMS_FILE, 'utf8').replace('priority: 2', 'priority: 7'));
    expect(() => loadAlarmRules(file)).toThrow(/rules\.yaml: rules\[0\]\.priority: .*4.* \[line \d+\]/);
  });
});
