'use client';
import type { Alarm, AlarmState } from '@city/domain';
import type { Row } from '@tanstack/react-table';
import { useFormatter, useTranslations } from 'next-intl';
import { Button } from 'react-aria-components';
import { IntentLink } from '../ui/IntentLink';
import { PriorityMark } from '../ui/PriorityMark';
import type { AlarmRow } from './alarm-rows';
import { alarmTime, shownValue } from './alarm-rows';
import { useAlarmMessage } from './use-alarm-message';

/** A glyph per state, so the state reads without its word too (never colour alone). */
const STATE_GLYPHS: Record<AlarmState, string> = {
  normal: '○',
  unacknowledged: '!',
  acknowledged: '✓',
  'returned-unacknowledged': '↺',
  shelved: '⏸',
  suppressed: '⊘',
  'out-of-service': '✕',
};

const DAY_MS = 86_400_000;

export function TimeCell({ alarm }: { alarm: Alarm }) {
  const format = useFormatter();
  const at = alarmTime(alarm);
  if (at === 0) return <span className="alarm-muted">—</span>;
  const old = Date.now() - at > DAY_MS;
  return (
    <time
      dateTime={new Date(at).toISOString()}
      title={format.dateTime(at, { dateStyle: 'full', timeStyle: 'medium', hourCycle: 'h23' })}
    >
      {old
        ? format.dateTime(at, {
            day: 'numeric',
            month: 'short',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          })
        : format.dateTime(at, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })}
    </time>
  );
}

export function StateCell({ alarm }: { alarm: Alarm }) {
  const t = useTranslations('alarms');
  const format = useFormatter();
  const shelvedFor =
    alarm.state !== 'shelved'
      ? null
      : alarm.shelvedUntil !== null
        ? t('shelvedUntil', {
            time: format.dateTime(alarm.shelvedUntil, {
              hour: '2-digit',
              minute: '2-digit',
              hourCycle: 'h23',
            }),
          })
        : t('shelvedOneShot');
  return (
    <span className="alarm-state" data-state={alarm.state} title={alarm.outOfServiceReason ?? undefined}>
      <span className="alarm-state-glyph" aria-hidden="true">
        {STATE_GLYPHS[alarm.state]}
      </span>
      <span>
        {t(`state.${alarm.state}`)}
        {shelvedFor && <span className="alarm-muted"> {shelvedFor}</span>}
      </span>
    </span>
  );
}

export function ValueCell({ alarm }: { alarm: Alarm }) {
  const format = useFormatter();
  const value = shownValue(alarm);
  if (value === null) return <span className="alarm-muted">—</span>;
  const { unit } = alarm.message.params;
  return (
    <span className="alarm-value">
      {format.number(value, { maximumFractionDigits: 2 })}
      {unit && <span className="alarm-unit"> {unit}</span>}
    </span>
  );
}

export function MessageCell({ alarm }: { alarm: Alarm }) {
  const word = useAlarmMessage();
  const text = word(alarm.message);
  return (
    <span className="alarm-message" title={text}>
      {text}
    </span>
  );
}

/** The asset's name, linking to its page; a click there opens the asset, not the map. */
export function AssetCell({ row }: { row: AlarmRow }) {
  const t = useTranslations('alarms.list');
  const { assetId, name } = row.subject;
  if (!assetId || row.subject.comms) return <span className="alarm-asset">{name}</span>;
  return (
    <IntentLink
      href={`/assets/${encodeURIComponent(assetId)}`}
      className="alarm-asset alarm-asset-link"
      aria-label={t('openAsset', { asset: name })}
      onClick={(event) => event.stopPropagation()}
    >
      {name}
    </IntentLink>
  );
}

export function PriorityCell({ alarm, compact }: { alarm: Alarm; compact: boolean }) {
  return <PriorityMark priority={alarm.priority} compact={compact} />;
}

/** A communications alarm's group: opens and closes the alarms it suppresses, with their count. */
export function GroupToggle({ row }: { row: Row<AlarmRow> }) {
  const t = useTranslations('alarms.list');
  const { suppressed, suppressor } = row.original;
  const count = suppressed.length;
  if (row.depth > 0)
    return (
      <>
        <span className="alarm-nested" aria-hidden="true" />
        {suppressor && <span className="sr-only">{t('suppressedBy', { asset: suppressor.name })}</span>}
      </>
    );
  if (count === 0) return null;
  const open = row.getIsExpanded();
  const asset = row.original.subject.name;
  return (
    <Button
      className="alarm-group-toggle"
      onPress={() => row.toggleExpanded()}
      aria-expanded={open}
      aria-label={t(open ? 'hideSuppressed' : 'showSuppressed', { asset })}
      data-testid="alarm-group-toggle"
    >
      <span aria-hidden="true">{open ? '▾' : '▸'}</span>
      <span className="alarm-group-count" title={t('suppressedCount', { count })}>
        {count}
      </span>
    </Button>
  );
}
