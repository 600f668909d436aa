import { listAudit } from '@city/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedIn, signInAs } from '../auth/testing';
import { AUDIT_CSV_PATH } from './audit-csv';
import { apiAs, refusal, startTestControlRoom, type TestControlRoom } from './testing';

const DAY_MS = 86_400_000;

describe('an admin reads and exports the audit trail, and sets retention, against PostgreSQL', () => {
  let room: TestControlRoom;
  let admin: SignedIn;
  let engineer: SignedIn;
  let api: ReturnType<typeof apiAs>;
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();

  /** Rows as an investigation finds them: over weeks, by several people, one with text a spreadsheet would run. */
  async function seedTrail() {
    const rows: [number, string, string, string][] = [
      [now - 40 * DAY_MS, 'kees', 'alarm.acknowledge', 'old@a/1'],
      [now - 3 * DAY_MS, 'kees', 'alarm.acknowledge', "=cmd|' /C calc'!A0"],
      [now - 2 * DAY_MS, 'kees', 'rule.save', 'said "hello", then left'],
      [now - 1 * DAY_MS, 'marie', 'alarm.shelve', 'pump@b/2'],
    ];
    for (const [at, actor, action, target] of rows)
      await room.target.db.query(
        `INSERT INTO audit_log (at, actor, role, action, target, details) VALUES ($1, $2, 'operator', $3, $4, '{"note":"+31 20 123"}')`,
        [new Date(at), actor, action, target],
      );
  }

  beforeAll(async () => {
    room = await startTestControlRoom();
    admin = await signInAs(room.target.db, room.server.url, 'admin', 'auditor');
    engineer = await signInAs(room.target.db, room.server.url, 'engineer', 'eng');
    api = apiAs(room.server.url, admin.cookie);
    await seedTrail();
  }, 60_000);
  afterAll(() => room?.close());

  it('filters by user, action and time, newest first, a page at a time', async () => {
    const week = { from: new Date(now - 7 * DAY_MS), to: new Date(now) };
    const kees = await api.admin.audit.list.query({ ...week, user: 'kees' });
    expect(kees.rows.map((row) => row.action)).toEqual(['rule.save', 'alarm.acknowledge']);
    const alarms = await api.admin.audit.list.query({ ...week, action: 'alarm.' });
    expect(alarms.rows.map((row) => row.actor)).toEqual(['marie', 'kees']);
    const first = await api.admin.audit.list.query({ ...week, action: 'alarm.', limit: 1 });
    expect(first.rows.map((row) => row.actor)).toEqual(['marie']);
    const second = await api.admin.audit.list.query({
      ...week,
      action: 'alarm.',
      limit: 1,
      beforeId: first.nextBeforeId ?? 0,
    });
    expect(second.rows.map((row) => row.actor)).toEqual(['kees']);
  });

  it('caps the period at 31 days and a page at 500 rows, saying so', async () => {
    const long = await refusal(
      api.admin.audit.list.query({ from: new Date(now - 45 * DAY_MS), to: new Date(now) }),
    );
    expect(long).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('at most 31 days') });
    expect((await refusal(api.admin.audit.list.query({ limit: 501 }))).code).toBe('BAD_REQUEST');
    const engineerApi = apiAs(room.server.url, engineer.cookie);
    expect((await refusal(engineerApi.admin.audit.list.query({}))).code).toBe('FORBIDDEN');
  });

  it('exports CSV that Excel opens safely: quotes escaped, formulas neutralised; refused to an engineer', async () => {
    const query = new URLSearchParams({ from: iso(now - 7 * DAY_MS), to: iso(now), user: 'kees' });
    const csv = (cookie?: string) =>
      fetch(`${room.server.url}${AUDIT_CSV_PATH}?${query}`, { headers: cookie ? { cookie } : {} });
    const answer = await csv(admin.cookie);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await answer.arrayBuffer());
    expect(
      text.startsWith(
        '\uFEFFid,at,actor,role,session,address,user_agent,action,target,details,before,after\r\n',
      ),
    ).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(
      ',kees,operator,,,,rule.save,"said ""hello"", then left","{""note"":""+31 20 123""}",,',
    );
    // The cell that would run a command in Excel starts with ' and shows as text.
    expect(lines[2]).toContain(",alarm.acknowledge,'=cmd|' /C calc'!A0,");
    expect(text).not.toContain(',=cmd');

    expect((await csv(engineer.cookie)).status).toBe(403);
    expect((await csv()).status).toBe(401);
    query.set('from', iso(now - 40 * DAY_MS));
    const long = await csv(admin.cookie);
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('at most 31 days');
    const [exported] = await listAudit(room.target.db, { action: 'audit.export' });
    expect(exported).toMatchObject({ actor: 'auditor', details: { user: 'kees' } });
  });

  it('keeps audit rows at least a year, and rollups at least as long as raw readings', async () => {
    expect(await api.admin.retention.get.query()).toEqual({ auditDays: 730, rawDays: 90, hourDays: null });
    const short = await refusal(api.admin.retention.set.mutate({ auditDays: 90 }));
    expect(short.code).toBe('BAD_REQUEST');
    expect(short.message).toMatch(/365/);
    const changed = await api.admin.retention.set.mutate({ auditDays: 400, rawDays: 30, hourDays: 365 });
    expect(changed).toEqual({ auditDays: 400, rawDays: 30, hourDays: 365 });
    const inverted = await refusal(api.admin.retention.set.mutate({ rawDays: 400 }));
    expect(inverted.message).toContain('must be kept at least as long as raw readings');
    expect(await api.admin.retention.get.query()).toEqual(changed);
    const [row] = await listAudit(room.target.db, { action: 'retention.set' });
    expect(row).toMatchObject({
      actor: 'auditor',
      before: { auditDays: 730, rawDays: 90, hourDays: null },
      after: changed,
    });
  });
});
