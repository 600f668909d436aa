import { z } from 'zod';
import { databaseEnvShape, parseEnv } from '../env-schema';

export const readEnv = (source: NodeJS.ProcessEnv = process.env) =>
  parseEnv(z.object(databaseEnvShape), source);
