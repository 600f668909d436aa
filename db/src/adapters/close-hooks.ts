import { messageOf } from '../errors';
import type { Logger } from '../logger';

/** Runs every hook once, in order; one failing is logged and does not stop the others or the close. */
export async function runCloseHooks(hooks: (() => Promise<void>)[], logger: Logger): Promise<void> {
  for (const hook of hooks.splice(0)) {
    try {
      await hook();
    } catch (error) {
      logger.warn({ err: messageOf(error) }, 'work left for closing the database failed');
    }
  }
}
