import { join } from 'node:path';
import { type AlarmRule, AlarmRuleSchema } from '@city/domain';
import { z } from 'zod';
import { parseDataFile } from '../lib/data-file';

/** The demo city's default alarm rules, each citing the standard its limit comes from. */
export const AMSTERDAM_ALARMS_FILE = join(import.meta.dirname, 'amsterdam-alarms.yaml');

const AlarmRulesFileSchema = z.strictObject({ rules: z.array(AlarmRuleSchema) });

/** Loads and checks a file of alarm rules; every mistake comes back with file, line and field. */
export function loadAlarmRules(file = AMSTERDAM_ALARMS_FILE): AlarmRule[] {
  return parseDataFile(file, AlarmRulesFileSchema, ({ rules }) => {
    const seen = new Map<string, number>();
    return rules.flatMap((rule, index) => {
      const earlier = seen.get(rule.id);
      seen.set(rule.id, index);
      return earlier === undefined
        ? []
        : [{ path: ['rules', index, 'id'], message: `"${rule.id}" is already used by rules[${earlier}]` }];
    });
  }).rules;
}
