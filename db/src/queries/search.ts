import type { Queryable } from '../database';

export type SearchHitKind = 'asset' | 'channel' | 'alarm';

/**
 * One thing found. `label` and `detail` are names from the city's data (an asset's, a channel's, a
 * district), never a sentence, so every screen shows them as they are in its own language.
 */
export interface SearchHit {
  kind: SearchHitKind;
  id: string;
  /** An asset's name; a channel's name; an alarm's asset and channel names ("Gemaal Zeeburg · level"). */
  label: string;
  /** An asset's district; a channel's asset name; an alarm's rule id. Empty when there is none. */
  detail: string;
  /** The asset to open for it; null for a communications alarm, which has none. */
  assetId: string | null;
}

export interface SearchRequest {
  /** What the person typed; matched case- and accent-insensitively, `%` and `_` as themselves. */
  text: string;
  limit: number;
}

/**
 * Folds text for matching: lower case, accents dropped ("Één" → "een"). The database folds its side
 * with translate() over the same table (below), since neither unaccent nor a collation that ignores
 * accents exists on both the embedded database and a plain PostgreSQL.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// Each upper-case ASCII letter and each accented Latin letter (Latin-1 and Latin Extended-A) that
// folds to one ASCII letter, beside that letter: translate()'s from and to strings. Built from
// foldForSearch itself, so both sides fold alike; lower() is not relied on, as it leaves "É" alone
// in a database with the C locale.
const [FOLD_FROM, FOLD_TO] = (() => {
  let from = '';
  let to = '';
  const fold = (code: number) => {
    const char = String.fromCodePoint(code);
    const folded = foldForSearch(char);
    if (folded !== char && /^[a-z]$/.test(folded)) {
      from += char;
      to += folded;
    }
  };
  for (let code = 0x41; code <= 0x5a; code++) fold(code);
  for (let code = 0xc0; code <= 0x17f; code++) fold(code);
  return [from, to];
})();

/** `%`, `_` and the escape character itself, escaped for LIKE … ESCAPE '\'. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

const folded = (column: string) => `translate(${column}, q.fold_from, q.fold_to)`;

/**
 * How well a candidate matches the folded text: 0 an exact id or name, 1 an id or name that starts
 * with it, 2 a word of either that starts with it, 3 it is anywhere in one of `fields`; null for no
 * match. `q` holds the parameters, each cast once (see SQL).
 */
function rank(id: string, name: string, fields: readonly string[]): string {
  const f = folded;
  const anywhere = fields.map((field) => `${f(field)} ILIKE q.anywhere ESCAPE '\\'`).join(' OR ');
  return `CASE
      WHEN ${f(id)} = q.exact OR ${f(name)} = q.exact THEN 0
      WHEN ${f(id)} ILIKE q.prefix ESCAPE '\\' OR ${f(name)} ILIKE q.prefix ESCAPE '\\' THEN 1
      WHEN ${f(id)} ~ q.word_start OR ${f(name)} ~ q.word_start THEN 2
      WHEN ${anywhere} THEN 3
    END`;
}

// One statement over the three kinds, ranked and cut in the database: a city of 10,000 channels
// sends back `limit` rows, not every match. Alarms match by their own, their rule's and their
// channel's id and their asset's name; their message is a key and parameters, not text to search.
const SQL = `
  WITH q AS (
    SELECT $1::text AS exact, $2::text AS prefix, $3::text AS anywhere, $4::text AS word_start,
           $5::text AS fold_from, $6::text AS fold_to
  )
  SELECT kind, id, label, detail, asset_id FROM (
    SELECT 'asset' AS kind, a.id, a.name AS label, coalesce(a.district, '') AS detail, a.id AS asset_id,
           ${rank('a.id', 'a.name', ['a.id', 'a.name'])} AS rank, 0 AS kind_order
      FROM assets a CROSS JOIN q
    UNION ALL
    SELECT 'channel', c.id, c.name, a.name, c.asset_id,
           ${rank('c.id', 'c.name', ['c.id', 'c.name'])}, 1
      FROM channels c JOIN assets a ON a.id = c.asset_id CROSS JOIN q
    UNION ALL
    SELECT 'alarm', al.id, coalesce(a.name || ' · ' || c.name, al.channel_id), al.rule_id, a.id,
           ${rank('al.id', "coalesce(a.name, '')", ['al.id', 'al.rule_id', 'al.channel_id', "coalesce(a.name, '')"])}, 2
      FROM alarms al
      LEFT JOIN channels c ON c.id = al.channel_id
      LEFT JOIN assets a ON a.id = c.asset_id
      CROSS JOIN q
  ) hits
  WHERE rank IS NOT NULL
  ORDER BY rank, kind_order, length(label), label, id
  LIMIT $7::int`;

interface HitRow {
  kind: SearchHitKind;
  id: string;
  label: string;
  detail: string;
  asset_id: string | null;
}

/**
 * Assets, channels and alarms whose id or name holds the text, best first: an exact id or name, then
 * ids and names that start with it, then those with a word that starts with it, then the rest; assets
 * before channels before alarms within each, shorter labels first.
 */
export async function searchCity(db: Queryable, request: SearchRequest): Promise<SearchHit[]> {
  const text = foldForSearch(request.text.trim());
  if (text === '') return [];
  const like = escapeLike(text);
  // "A word starts with it": after any character that is not a letter or digit; the text escaped so
  // that, as a regular expression, it matches only itself.
  const wordStart = `[^a-z0-9]${text.replace(/[\\^$.|?*+()[\]{}-]/g, (char) => `\\${char}`)}`;
  const { rows } = await db.query<HitRow>(SQL, [
    text,
    `${like}%`,
    `%${like}%`,
    wordStart,
    FOLD_FROM,
    FOLD_TO,
    request.limit,
  ]);
  return rows.map((row) => ({
    kind: row.kind,
    id: row.id,
    label: row.label,
    detail: row.detail,
    assetId: row.asset_id,
  }));
}
