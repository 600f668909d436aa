import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from './migrate';
import { alarmJournal } from './queries/alarm-journal';
import { listAlarmRules } from './queries/alarm-rules';
import { listAlarms } from './queries/alarms';
import { backends, createTestDatabase, type TestDatabase } from './testing';

const T0 = Date.UTC(2026, 0, 12, 6, 30);
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** A pumping station, its gateway and their alarms as release 15 stored them: English sentences. */
const RELEASE_15_CITY = `
  INSERT INTO assets (id, kind, layer, name, geometry)
  VALUES ('pump-zeeburg', 'pumping-station', 'sewer', 'Gemaal Zeeburg', '{"type":"Point","coordinates":[4.96,52.37]}');
  INSERT INTO channels (id, asset_id, metric, name, unit, display_min, display_max)
  VALUES ('pump-zeeburg/level', 'pump-zeeburg', 'level', 'Wet well level', 'm', 0, 3);
  INSERT INTO gateways (id, name, version, last_seen) VALUES ('gw-oost', 'Gateway Oost', '1.0', now());
  INSERT INTO alarm_rules (id, name, kind, asset_kind, metric, limit_value, priority, message)
  VALUES ('sewer-high-level', 'Wet well high level', 'high', 'pumping-station', 'level', 2.3, 2,
          '{asset}: wet well at {value} {unit}');
  INSERT INTO alarm_rules (id, name, kind, scope, limit_value, priority, message)
  VALUES ('gateway-silent', 'Gateway silent', 'no-data', 'gateways', 60, 1, '{asset}: no heartbeat');
  INSERT INTO alarms (id, rule_id, channel_id, active, acknowledged, shelve_kind, value, message, activated_at, seq)
  VALUES ('sewer-high-level@pump-zeeburg/level', 'sewer-high-level', 'pump-zeeburg/level', true, true,
          'one-shot', 2.5, 'Gemaal Zeeburg: wet well at 2.5 m', '${at(0)}', 3);
  INSERT INTO alarm_journal (alarm_id, rule_id, channel_id, event, state, priority, message, value, at, actor, note)
  VALUES
    ('sewer-high-level@pump-zeeburg/level', 'sewer-high-level', 'pump-zeeburg/level', 'activated',
     'unacknowledged', 2, 'Gemaal Zeeburg: wet well at 2.5 m', 2.5, '${at(0)}', NULL, NULL),
    ('sewer-high-level@pump-zeeburg/level', 'sewer-high-level', 'pump-zeeburg/level', 'acknowledged',
     'acknowledged', 2, 'Gemaal Zeeburg: wet well at 2.5 m', 2.5, '${at(2)}', 'anna', 'crew on the way'),
    ('sewer-high-level@pump-zeeburg/level', 'sewer-high-level', 'pump-zeeburg/level', 'shelved',
     'shelved', 2, 'Gemaal Zeeburg: wet well at 2.5 m', 2.5, '${at(3)}', 'anna', 'pump swapped'),
    ('gateway-silent@gw-oost/comms', 'gateway-silent', 'gw-oost/comms', 'activated',
     'unacknowledged', 1, 'Gateway Oost: no heartbeat', NULL, '${at(5)}', NULL, NULL),
    ('ph-low@pump-zeeburg/ph', 'ph-low', 'pump-zeeburg/ph', 'activated',
     'unacknowledged', 3, 'Gemaal Zeeburg: pH 5.1', 5.1, '${at(6)}', NULL, NULL);
`;

// A city that ran release 15 for a while, with alarms in its journal, then upgrades.
describe.each(backends)('upgrading alarm messages to keys on %s', (backend) => {
  let target: TestDatabase;
  beforeAll(async () => {
    target = await createTestDatabase(backend, { migrated: false });
    await migrate(target.db, { migrations: loadMigrations().filter((m) => m.version < 16) });
    await target.db.exec(RELEASE_15_CITY);
    await migrate(target.db);
  });
  afterAll(() => target?.drop());

  it('keeps a rule’s text as its Dutch and its English text until someone translates it', async () => {
    const rule = (await listAlarmRules(target.db)).find((r) => r.id === 'sewer-high-level');
    expect(rule).toMatchObject({
      name: { nl: 'Wet well high level', en: 'Wet well high level' },
      message: { nl: '{asset}: wet well at {value} {unit}', en: '{asset}: wet well at {value} {unit}' },
    });
  });

  it('turns an alarm’s sentence into its key and parameters', async () => {
    const [alarm] = await listAlarms(target.db);
    expect(alarm?.message).toEqual({
      key: 'alarm.high',
      params: {
        ruleId: 'sewer-high-level',
        asset: 'Gemaal Zeeburg',
        assetId: 'pump-zeeburg',
        channel: 'Wet well level',
        metric: 'level',
        unit: 'm',
        value: 2.5,
        limit: 2.3,
      },
    });
  });

  it('gives each old journal row the alarm as it stood after it', async () => {
    const journal = await alarmJournal(target.db);
    const pump = journal.filter((t) => t.alarmId === 'sewer-high-level@pump-zeeburg/level');
    expect(
      pump.map((t) => [t.event, t.alarm.state, t.alarm.active, t.alarm.acknowledged, t.alarm.shelveKind]),
    ).toEqual([
      ['activated', 'unacknowledged', true, false, null],
      ['acknowledged', 'acknowledged', true, true, null],
      ['shelved', 'shelved', true, true, 'one-shot'],
    ]);
    for (const t of pump) {
      expect(t.alarm).toMatchObject({
        id: t.alarmId,
        seq: t.seq,
        activatedAt: T0,
        clearedAt: null,
        priority: 2,
      });
      expect(t.alarm.message).toEqual(t.message);
      expect(t.message).toMatchObject({ key: 'alarm.high', params: { value: 2.5, limit: 2.3, unit: 'm' } });
    }
  });

  it('words a silent gateway by its name, and a row of a deleted rule by what is known', async () => {
    const journal = await alarmJournal(target.db);
    expect(journal.find((t) => t.alarmId === 'gateway-silent@gw-oost/comms')?.message).toEqual({
      key: 'alarm.gateway-silent',
      params: {
        ruleId: 'gateway-silent',
        asset: 'Gateway Oost',
        assetId: 'gw-oost',
        channel: 'heartbeat',
        metric: 'heartbeat',
        unit: 's',
        value: null,
        limit: 60,
      },
    });
    // Its rule is gone, so its kind and limit are unknown; its rule id and value are true.
    expect(journal.find((t) => t.alarmId === 'ph-low@pump-zeeburg/ph')?.message).toEqual({
      key: 'alarm.high',
      params: {
        ruleId: 'ph-low',
        asset: 'Gemaal Zeeburg',
        assetId: 'pump-zeeburg',
        channel: 'ph',
        metric: 'ph',
        unit: '',
        value: 5.1,
        limit: 0,
      },
    });
  });
});
