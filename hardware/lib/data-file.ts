import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { HardwareError } from './errors';

/** One problem in a data file, already phrased for the person who has to fix it. */
export interface DataFileIssue {
  /** Where in the document, e.g. "points[2].type"; "(root)" for the whole document. */
  path: string;
  message: string;
  /** 1-based line in the file, when the problem can be pinned to one. */
  line?: number;
}

/** A problem found by a check that runs after the schema, e.g. "no such profile". */
export interface CheckIssue {
  path: readonly PropertyKey[];
  message: string;
}

export class DataFileError extends HardwareError {
  override readonly name = 'DataFileError';
  constructor(
    readonly file: string,
    readonly issues: readonly DataFileIssue[],
  ) {
    const lines = issues.map(
      (issue) => `  ${file}: ${issue.path}: ${issue.message}${issue.line ? ` [line ${issue.line}]` : ''}`,
    );
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super('CITY_HW_INVALID_DATA_FILE', `${file} has ${count}:\n${lines.join('\n')}`);
  }
}

/** Paths in messages are relative to the working directory, so a terminal can open them. */
export function displayNameOf(file: string): string {
  const fromCwd = relative(process.cwd(), file);
  return fromCwd.startsWith('..') || isAbsolute(fromCwd) ? file : fromCwd;
}

/** Reads a YAML file and validates it; throws DataFileError naming file, field path and what is expected. */
export function parseDataFile<S extends z.ZodType>(
  file: string,
  schema: S,
  check?: (value: z.output<S>) => CheckIssue[],
): z.output<S> {
  const displayName = displayNameOf(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new DataFileError(displayName, [{ path: '(root)', message: reason }]);
  }
  return parseDataText(text, displayName, schema, check);
}

export function parseDataText<S extends z.ZodType>(
  text: string,
  displayName: string,
  schema: S,
  check?: (value: z.output<S>) => CheckIssue[],
): z.output<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    throw new DataFileError(
      displayName,
      doc.errors.map((error) => ({
        path: '(yaml)',
        message: `YAML syntax: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
        line: error.linePos?.[0].line,
      })),
    );
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth) as unknown[], true) as { range?: [number, number, number] };
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const toIssue = (path: readonly PropertyKey[], message: string): DataFileIssue => ({
    path: formatPath(path),
    message,
    line: lineOf(path),
  });

  const parsed = schema.safeParse(doc.toJS(), { reportInput: true });
  if (!parsed.success) {
    throw new DataFileError(
      displayName,
      parsed.error.issues.flatMap((issue) => {
        if (issue.code === 'unrecognized_keys') {
          return issue.keys.map((key) => toIssue([...issue.path, key], 'unknown field (check the spelling)'));
        }
        return [toIssue(issue.path, describeIssue(issue))];
      }),
    );
  }
  const extra = check?.(parsed.data) ?? [];
  if (extra.length > 0) {
    throw new DataFileError(
      displayName,
      extra.map((issue) => toIssue(issue.path, issue.message)),
    );
  }
  return parsed.data;
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      return index === 0 ? String(key) : `.${String(key)}`;
    })
    .join('');
}

/** A short rendering of the offending value: `"int61"`, `12.5`, `[1]`. */
export function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const EXPECTED_TEXT: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  tuple: 'a list such as [a, b]',
  array: 'a list',
  object: 'a mapping of fields',
  record: 'a mapping of fields',
};

/** Fields whose values must never be echoed into an error (and from there into logs). */
const SECRET_FIELD = /password|secret|token|url|credential/i;

function describeIssue(issue: z.core.$ZodIssue): string {
  const input = 'input' in issue ? issue.input : undefined;
  const secret = SECRET_FIELD.test(String(issue.path.at(-1) ?? ''));
  const got = input === undefined || secret ? '' : ` (got ${describeValue(input)})`;
  const missing = input === undefined ? 'missing; ' : '';
  switch (issue.code) {
    case 'invalid_value':
      return `${missing}expected one of ${issue.values.map(String).join(', ')}${got}`;
    case 'invalid_type':
      return `${missing}expected ${EXPECTED_TEXT[issue.expected] ?? issue.expected}${got}`;
    case 'too_small':
      return `${boundText('at least', issue.origin, issue.minimum, issue.inclusive)}${got}`;
    case 'too_big':
      return `${boundText('at most', issue.origin, issue.maximum, issue.inclusive)}${got}`;
    case 'invalid_union': {
      // A discriminated union names the field that chooses (e.g. geometry "type") and its options.
      const options = 'options' in issue ? issue.options : undefined;
      if (issue.discriminator && options) {
        const chosen = (input as Record<string, unknown> | undefined)?.[issue.discriminator];
        return `expected one of ${options.map(String).join(', ')} (got ${describeValue(chosen)})`;
      }
      return `${issue.message}${got}`;
    }
    case 'custom': {
      // Checks across fields run on a whole mapping or list of them, and name the offending value themselves.
      const wholeObject =
        typeof input === 'object' &&
        input !== null &&
        (!Array.isArray(input) || input.some((item) => typeof item === 'object'));
      return wholeObject ? issue.message : `${issue.message}${got}`;
    }
    default:
      return `${issue.message}${got}`;
  }
}

function boundText(word: string, origin: string, bound: number | bigint, inclusive = true): string {
  if (origin === 'array') return `expected ${word} ${bound} items`;
  if (origin === 'string') return `expected ${word} ${bound} characters`;
  const comparison = word === 'at least' ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
  return `expected a number ${comparison} ${bound}`;
}
