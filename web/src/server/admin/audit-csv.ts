import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type AuditRow, type Database, recordAudit } from '@city/db';
import { may } from '@city/domain';
import { stringify } from 'csv-stringify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { checkRequest } from '../auth/auth-routes';
import { auditActor } from '../auth/principal';
import type { RequestGuard } from '../auth/request-guard';
import type { SessionService } from '../auth/sessions';
import { type AuditFilter, AuditFilterSchema, auditQuery, auditRows } from './audit-query';
import { AdminError } from './errors';

export { AUDIT_CSV_PATH } from '../../shared/admin-contract';

export interface AuditCsvDeps {
  db: Database;
  sessions: SessionService;
  guard: RequestGuard;
  logger: Logger;
}

const COLUMNS: { header: string; cell: (row: AuditRow) => string | number | null }[] = [
  { header: 'id', cell: (row) => row.id },
  { header: 'at', cell: (row) => row.at.toISOString() },
  { header: 'actor', cell: (row) => row.actor },
  { header: 'role', cell: (row) => row.role },
  { header: 'session', cell: (row) => row.sessionRef },
  { header: 'address', cell: (row) => row.address },
  { header: 'user_agent', cell: (row) => row.userAgent },
  { header: 'action', cell: (row) => row.action },
  { header: 'target', cell: (row) => row.target },
  { header: 'details', cell: (row) => JSON.stringify(row.details) },
  { header: 'before', cell: (row) => json(row.before) },
  { header: 'after', cell: (row) => json(row.after) },
];
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * Streams the audit trail as CSV for officers who open it in Excel: RFC 4180 (quoted where needed,
 * CRLF), a byte-order mark so Excel reads UTF-8 names right, and every cell that starts with = + - @
 * (or a tab or CR) prefixed with ' so a spreadsheet shows it instead of running it. Admitted like
 * every route: Host checked by access control before this; the session and permission here. The
 * export itself is audited, since who took a copy of the trail is part of it.
 */
export async function serveAuditCsv(
  deps: AuditCsvDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'GET only');
  const check = await checkRequest(deps.sessions, req);
  if (!check.ok) return refuse(res, 401, `sign in first (${check.reason})`);
  const { principal } = check;
  if (!may(principal.user.role, 'audit.read'))
    return refuse(
      res,
      403,
      `the audit export needs "audit.read", which the role ${principal.user.role} does not have`,
    );
  const params = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
  const parsed = AuditFilterSchema.safeParse(params);
  if (!parsed.success) return refuse(res, 400, z.prettifyError(parsed.error));
  let range: { from: Date; to: Date };
  try {
    range = auditQuery(parsed.data);
  } catch (error) {
    if (error instanceof AdminError) return refuse(res, 400, error.message);
    throw error;
  }
  const filter: AuditFilter = { ...parsed.data, from: range.from, to: range.to };
  await deps.db.transaction((tx) =>
    recordAudit(tx, {
      by: auditActor(principal, deps.guard.originOf(req)),
      action: 'audit.export',
      target: 'audit_log',
      details: { ...filter, from: range.from.toISOString(), to: range.to.toISOString() },
    }),
  );
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="audit-${day(range.from)}-${day(range.to)}.csv"`,
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') return void res.end();
  await stream(deps, filter, res);
}

async function stream(deps: AuditCsvDeps, filter: AuditFilter, res: ServerResponse): Promise<void> {
  const cells = async function* () {
    for await (const row of auditRows(deps.db, filter)) yield COLUMNS.map((column) => column.cell(row));
  };
  const csv = stringify({
    header: true,
    columns: COLUMNS.map((column) => column.header),
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true,
  });
  try {
    await pipeline(Readable.from(cells()), csv, res);
  } catch (error) {
    // Headers are out: a failure midway (a closed tab, a lost connection) can only cut the file short.
    deps.logger.warn({ err: error }, 'audit export ended early');
    res.destroy();
  }
}

const ERROR_CODES: Record<number, string> = { 401: 'signed-out', 403: 'forbidden', 405: 'bad-request' };
const day = (date: Date) => date.toISOString().slice(0, 10);

function refuse(res: ServerResponse, status: number, message: string): void {
  res
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify({ error: ERROR_CODES[status] ?? 'bad-request', message }));
}
