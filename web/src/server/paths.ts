import { fileURLToPath } from 'node:url';

/** The web package root, from this file's own location: callers may run from any working directory. */
export const WEB_ROOT = fileURLToPath(new URL('../../', import.meta.url));
