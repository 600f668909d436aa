import type { SlotField } from './validate-limits';

/** The server's refusal of one rule, split into what belongs beside a field and what belongs to the form. */
export interface ServerRefusal {
  fields: Partial<Record<SlotField, string>>;
  form: string | null;
}

/** AlarmRuleSchema's field names as the editor's fields. */
const FIELD_OF: Record<string, SlotField> = {
  limit: 'limit',
  deadband: 'deadband',
  onDelayMs: 'onDelay',
  offDelayMs: 'offDelay',
  name: 'name',
  message: 'message',
};

interface Issue {
  message?: unknown;
  path?: unknown;
}

function issuesOf(message: string): Issue[] | null {
  if (!message.trimStart().startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(message);
    return Array.isArray(parsed) ? (parsed as Issue[]) : null;
  } catch {
    return null;
  }
}

/**
 * tRPC sends a refused input as zod's issue list in the error message, each with its path
 * (['rule', 'deadband']): those go beside their field, in the server's words; anything else
 * (a lost link, a refused permission) is the form's.
 */
export function serverRefusal(error: unknown): ServerRefusal {
  const message = error instanceof Error ? error.message : String(error);
  const issues = issuesOf(message);
  if (!issues) return { fields: {}, form: message };
  const refusal: ServerRefusal = { fields: {}, form: null };
  const rest: string[] = [];
  for (const issue of issues) {
    const text = typeof issue.message === 'string' ? issue.message : JSON.stringify(issue);
    const path = Array.isArray(issue.path) ? issue.path : [];
    const field = path[0] === 'rule' && typeof path[1] === 'string' ? FIELD_OF[path[1]] : undefined;
    if (field) refusal.fields[field] ??= text;
    else rest.push(path.length > 0 ? `${path.join('.')}: ${text}` : text);
  }
  if (rest.length > 0) refusal.form = rest.join('; ');
  return refusal;
}
