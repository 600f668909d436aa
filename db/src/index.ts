export { openEmbeddedDataDirs } from './adapters/embedded';
export { redactUrl, type ServerTimeouts } from './adapters/postgres';
export type {
  Backend,
  Database,
  HeldLock,
  NoticeHandler,
  Queryable,
  QueryResult,
  Unlisten,
} from './database';
export { databaseEnvShape, parseEnv } from './env-schema';
export { DbError, type DbErrorCode, messageOf } from './errors';
export type { Logger } from './logger';
export {
  detectMaintenanceMode,
  type MaintenanceMode,
  type MaintenanceReport,
  MaintenanceRunner,
  startMaintenance,
} from './maintenance';
export { loadMigrations, type Migration, type MigrationReport, migrate } from './migrate';
export { DEFAULT_EMBEDDED_DATA_DIR, type OpenDatabaseOptions, openDatabase } from './open';
export {
  type AccessCodePurpose,
  expireAccessCodes,
  insertAccessCode,
  redeemAccessCode,
} from './queries/access-codes';
export {
  type AccountSummary,
  expireUserAccessCodes,
  listAccounts,
  lockEnabledAdmins,
} from './queries/accounts';
export {
  ALARM_ACTIONS_NOTIFY_CHANNEL,
  claimAlarmActions,
  completeAlarmAction,
  type RelayedAlarmAction,
  readAlarmAction,
  requestAlarmAction,
} from './queries/alarm-actions';
export {
  alarmJournal,
  type JournalQuery,
  recordAlarmTransitions,
  type TransitionToRecord,
} from './queries/alarm-journal';
export { type AlarmKpis, alarmKpis } from './queries/alarm-kpis';
export { deleteAlarmRule, listAlarmRules, upsertAlarmRules } from './queries/alarm-rules';
export {
  type AlarmRecord,
  alarmView,
  lastAlarmSeq,
  listAlarms,
  loadAlarmRecords,
  normalAlarmRecord,
} from './queries/alarms';
export { listAssets, listChannels, upsertAssets, upsertChannels } from './queries/assets';
export {
  type AuditActor,
  type AuditEntry,
  type AuditQuery,
  type AuditRow,
  listAudit,
  pruneAudit,
  recordAudit,
} from './queries/audit';
export { readAuditRetentionDays, setAuditRetentionDays } from './queries/audit-settings';
export {
  createGatewayRole,
  defaultGatewayRoleName,
  GatewayRoleError,
  type GatewayRoleInfo,
  isGatewayRole,
  listGatewayRoles,
  mayRegisterAssets,
} from './queries/gateway-roles';
export { listGateways, recordGatewayHeartbeat } from './queries/gateways';
export {
  type History,
  type HistoryPoint,
  type HistoryRequest,
  type HistorySource,
  planHistory,
  readHistory,
} from './queries/history';
export { type InsertReport, insertReadings, type QuarantineReason } from './queries/ingest';
export { mayWriteReadings } from './queries/ingest/gateway-path';
export {
  type NewestJournalPage,
  type NewestJournalSubject,
  newestAlarmJournal,
} from './queries/journal-newest';
export { type LatestFilter, latestValues } from './queries/latest';
export { committedValues, mayAnnounce, NoticeSenders, type SenderScope } from './queries/notice-senders';
export { applyRetention, type RetentionSettings, readRetention, setRetention } from './queries/retention';
export {
  type PreviewReadings,
  type PreviewReadingsRequest,
  type PreviewSample,
  readPreviewReadings,
} from './queries/rule-preview';
export {
  escapeLike,
  foldForSearch,
  type SearchHit,
  type SearchHitKind,
  type SearchRequest,
  searchCity,
} from './queries/search';
export {
  findSession,
  findSessions,
  insertSession,
  markAuthenticated,
  type NewSession,
  pruneSessions,
  revokeSession,
  revokeUserSessions,
  type SessionRecord,
  touchSessions,
} from './queries/sessions';
export {
  claimSetpoints,
  completeSetpoint,
  readSetpoint,
  requestSetpoint,
  SETPOINTS_NOTIFY_CHANNEL,
  type SetpointCommand,
  type SetpointRequest,
  type SetpointStatus,
} from './queries/setpoints';
export {
  anyUserExists,
  createUser,
  findUserById,
  findUserByName,
  findUserByOidc,
  listUsers,
  type NewUser,
  setPasswordHash,
  setUserDisabled,
  setUserRole,
  type UserRecord,
} from './queries/users';
export {
  deleteWebhook,
  enabledWebhookTargets,
  findWebhookTarget,
  insertWebhook,
  listWebhooks,
  type NewWebhook,
  updateWebhook,
  type Webhook,
  type WebhookChanges,
  type WebhookTarget,
} from './queries/webhooks';
