import { router } from '../init';
import { displaysRouter } from './displays-router';
import { auditRouter, retentionRouter, webhooksRouter } from './settings-router';
import { usersRouter } from './users-router';

/** Administration (issue 13): accounts, wall displays, the audit trail, retention and webhooks. */
export const adminRouter = router({
  users: usersRouter,
  displays: displaysRouter,
  audit: auditRouter,
  retention: retentionRouter,
  webhooks: webhooksRouter,
});
