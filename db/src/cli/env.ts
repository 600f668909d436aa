import { z } from 'zod';
import { DEFAULT_EMBEDDED_DATA_DIR } from '../open';

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must look like postgres://user:password@host:5432/database')
    .optional(),
  CITY_DATA_DIR: z.string().min(1).default(DEFAULT_EMBEDDED_DATA_DIR),
});

export function readEnv(source: NodeJS.ProcessEnv = process.env) {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `environment variable ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(problems.join('\n'));
  }
  return parsed.data;
}
