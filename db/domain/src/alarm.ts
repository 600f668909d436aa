import { z } from 'zod';
import { AssetKindSchema, IdSchema } from './asset';
import { ChannelIdSchema } from './channel';

/**
 * Alarms after ISA-18.2 / IEC 62682 and OPC UA Part 9 (Alarms & Conditions). A rule says when a
 * channel is abnormal; an alarm is one rule applied to one channel, with its own lifecycle.
 */
export const ALARM_RULE_KINDS = ['high', 'high-high', 'low', 'low-low', 'rate-of-change', 'no-data'] as const;
export type AlarmRuleKind = (typeof ALARM_RULE_KINDS)[number];

/** The languages the control room speaks: a rule's texts come in each, and an alarm message renders in each. */
export const MESSAGE_LOCALES = ['nl', 'en'] as const;
export type MessageLocale = (typeof MESSAGE_LOCALES)[number];

/** A text per language; a language left out falls back to the other (see `textFor`). */
export interface LocalizedText {
  nl?: string;
  en?: string;
}

const GIVE_TEXT = 'give the text as a string or as { nl, en }';

/**
 * A text an operator writes, in each language: a plain string means the same text in every language
 * (so files and API calls from before the control room was bilingual still parse); an object names
 * each language, at least one of them non-empty. Blank entries are left out of the result.
 */
export function localizedTextSchema(max: number) {
  const languages = z.strictObject(
    { nl: z.string().optional(), en: z.string().optional() },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `${GIVE_TEXT}; only nl and en` : undefined) },
  );
  return z.union([z.string(), languages], { error: GIVE_TEXT }).transform((given, ctx): LocalizedText => {
    const text: LocalizedText = typeof given === 'string' ? { nl: given, en: given } : given;
    const kept: LocalizedText = {};
    for (const locale of MESSAGE_LOCALES) {
      const entry = text[locale];
      if (entry === undefined || entry.trim() === '') continue;
      if (entry.length > max) {
        const path = typeof given === 'string' ? [] : [locale];
        ctx.issues.push({ code: 'custom', message: `at most ${max} characters`, input: given, path });
      }
      kept[locale] = entry;
    }
    if (kept.nl === undefined && kept.en === undefined) {
      ctx.issues.push({ code: 'custom', message: `${GIVE_TEXT}, not empty`, input: given });
    }
    return kept;
  });
}
export const LocalizedTextSchema = localizedTextSchema(500);

/** NOTIFY channel on which a changed rule is announced (payload: its id); the evaluating instance reloads. */
export const ALARM_RULES_NOTIFY_CHANNEL = 'city_alarm_rules';

/** 1 critical, 2 high, 3 medium, 4 low (ISA-18.2 recommends few priorities, used sparingly). */
export const AlarmPrioritySchema = z.int().min(1).max(4);
export type AlarmPriority = z.infer<typeof AlarmPrioritySchema>;

/**
 * One channel; every channel of an asset kind and metric; every gateway, by its heartbeat; or every
 * device, by whether any of its channels still gives usable readings.
 */
export const AlarmTargetSchema = z.union([
  z.strictObject({ channelId: ChannelIdSchema }),
  z.strictObject({ assetKind: AssetKindSchema, metric: z.string().min(1).max(100) }),
  z.strictObject({ scope: z.enum(['gateways', 'devices']) }),
]);
export type AlarmTarget = z.infer<typeof AlarmTargetSchema>;

export const AlarmRuleSchema = z.strictObject({
  id: IdSchema,
  name: localizedTextSchema(200),
  kind: z.enum(ALARM_RULE_KINDS),
  target: AlarmTargetSchema,
  /**
   * The limit: a value for high/low, a rate per minute for rate-of-change (absolute), seconds
   * without a reading for no-data.
   */
  limit: z.number().refine(Number.isFinite, 'expected a finite number'),
  /** The value must come back this far inside the limit before the alarm clears (no chattering). */
  deadband: z.number().min(0).default(0),
  /** The condition must hold this long before the alarm activates. */
  onDelayMs: z.int().min(0).max(86_400_000).default(0),
  /** The condition must be gone this long before the alarm clears. */
  offDelayMs: z.int().min(0).max(86_400_000).default(0),
  priority: AlarmPrioritySchema,
  /**
   * Per language, e.g. { en: "{asset}: NO₂ {value} {unit}, above {limit} {unit}", nl: "{asset}: NO₂ {value}
   * {unit}, boven {limit} {unit}" }; placeholders {asset}, {channel}, {value}, {unit}, {limit}, filled in
   * where the message is shown (see renderAlarmMessage), never stored filled in.
   */
  message: LocalizedTextSchema,
  /** The standard or source the limit comes from, e.g. "EU 2008/50/EC annex XI". */
  reference: z.string().max(500).default(''),
  enabled: z.boolean().default(true),
});
export type AlarmRule = z.output<typeof AlarmRuleSchema>;
export type AlarmRuleInput = z.input<typeof AlarmRuleSchema>;

/** The ISA-18.2 states an operator sees. */
export const ALARM_STATES = [
  'normal',
  'unacknowledged',
  'acknowledged',
  'returned-unacknowledged',
  'shelved',
  'suppressed',
  'out-of-service',
] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

export const SHELVE_KINDS = ['one-shot', 'timed'] as const;
export type ShelveKind = (typeof SHELVE_KINDS)[number];

/** The longest a timed shelve may last; then the alarm unshelves by itself. */
export const MAX_SHELVE_MS = 8 * 3_600_000;

/** What happened to an alarm, as its journal records it. */
export const ALARM_EVENTS = [
  'activated',
  'cleared',
  'acknowledged',
  'shelved',
  'unshelved',
  'suppressed',
  'unsuppressed',
  'removed-from-service',
  'returned-to-service',
  /** A reading that arrived late (backfill) and would have changed the alarm: recorded, never raised. */
  'historical',
] as const;
export type AlarmEvent = (typeof ALARM_EVENTS)[number];

/** What an alarm says, one key per kind of condition; the screen words it in the reader's language. */
export const ALARM_MESSAGE_KEYS = [
  'alarm.high',
  'alarm.high-high',
  'alarm.low',
  'alarm.low-low',
  'alarm.rate-of-change',
  'alarm.no-data',
  /** A `scope: gateways` no-data rule: a gateway's heartbeat stopped. */
  'alarm.gateway-silent',
  /** A `scope: devices` no-data rule: none of a device's channels gives a usable reading. */
  'alarm.device-silent',
] as const;
export type AlarmMessageKey = (typeof ALARM_MESSAGE_KEYS)[number];

/**
 * An alarm's message as it is stored and sent: a key plus what fills it in. Numbers stay numbers, so
 * each screen formats them for its reader (2,45 in Dutch, 2.45 in English).
 */
export interface AlarmMessage {
  key: AlarmMessageKey;
  params: AlarmMessageParams;
}

export interface AlarmMessageParams {
  /** The rule whose message template (rule.message) words it, where a screen wants the rule's own text. */
  ruleId: string;
  /** The asset's name ({asset}); for a communications alarm, the gateway's name or the device's id. */
  asset: string;
  /** The asset's id; for a communications alarm, the gateway's or the device's id. */
  assetId: string;
  /** The channel's name ({channel}); 'heartbeat' for a gateway, 'communications' for a device. */
  channel: string;
  /** The channel's metric, e.g. 'no2'; 'heartbeat' or 'communications' as above. */
  metric: string;
  /** {unit}: the channel's unit; 's' for communications alarms. */
  unit: string;
  /** {value}: the value when the alarm last activated (null before it ever did, or without a value). */
  value: number | null;
  /** {limit}: the rule's limit (seconds without a reading for no-data rules). */
  limit: number;
}

/** One alarm (a rule applied to a channel) as screens and APIs see it. */
export interface Alarm {
  id: string;
  ruleId: string;
  channelId: string;
  priority: AlarmPriority;
  state: AlarmState;
  /** Whether the condition holds, whatever the shelving or suppression. */
  active: boolean;
  acknowledged: boolean;
  message: AlarmMessage;
  value: number | null;
  /** Source time the alarm last activated, epoch ms. */
  activatedAt: number | null;
  clearedAt: number | null;
  shelvedUntil: number | null;
  shelveKind: ShelveKind | null;
  outOfServiceReason: string | null;
  suppressedBy: string | null;
  /** The journal sequence number of its last transition. */
  seq: number;
}

/** One transition, in the order they happened: the journal, and the reliable stream to screens. */
export interface AlarmTransition {
  seq: number;
  alarmId: string;
  ruleId: string;
  channelId: string;
  event: AlarmEvent;
  state: AlarmState;
  priority: AlarmPriority;
  message: AlarmMessage;
  value: number | null;
  /** Source time of what caused it (a reading's time, or the moment an operator acted), epoch ms. */
  at: number;
  actor: string | null;
  note: string | null;
  /**
   * The alarm as it stood right after this transition (its seq is this one's): a screen applies a
   * transition with `alarms.set(t.alarmId, t.alarm)`, live or replayed from the journal alike.
   */
  alarm: Alarm;
}

/** The flags an alarm's state is made of. */
export interface AlarmFlags {
  active: boolean;
  acknowledged: boolean;
  shelveKind: ShelveKind | null;
  outOfServiceReason: string | null;
  suppressedBy: string | null;
}

/** The state an operator sees: out of service, shelved and suppressed lie over the alarm itself. */
export function alarmStateOf(flags: AlarmFlags): AlarmState {
  if (flags.outOfServiceReason !== null) return 'out-of-service';
  if (flags.shelveKind !== null) return 'shelved';
  if (flags.suppressedBy !== null) return 'suppressed';
  if (flags.active) return flags.acknowledged ? 'acknowledged' : 'unacknowledged';
  return flags.acknowledged ? 'normal' : 'returned-unacknowledged';
}

/** The id of the alarm a rule raises on a channel (or a gateway's comms subject). */
export const alarmIdOf = (ruleId: string, channelId: string) => `${ruleId}@${channelId}`;

/** The subject of a gateway's (or a device's) communications alarm, in the shape of a channel id. */
export const gatewayCommsSubject = (gatewayId: string) => `${gatewayId}/comms`;
export const deviceCommsSubject = (deviceId: string) => `${deviceId}/comms`;
