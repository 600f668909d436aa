'use client';
import type { Alarm, AlarmPriority } from '@city/domain';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Button } from 'react-aria-components';
import { useCatalog } from '../data/catalog';
import { useAlarms } from '../data/realtime/RealtimeProvider';
import { PriorityMark, PriorityShape } from '../ui/PriorityMark';
import { AlarmActionDialog } from './AlarmActionDialog';
import { useAlarmActions } from './AlarmRowActions';
import { MessageCell, TimeCell } from './alarm-cells';
import { PRIORITIES } from './alarm-filter';
import { subjectOf } from './alarm-subject';
import { countByPriority, newestUnacknowledged, type PriorityCounts } from './alarm-summary';
import { SpeakerIcon } from './SpeakerIcon';
import { useAlarmSound } from './use-alarm-sound';
import './alarms.css';

/**
 * Under the console header on every route: how many alarms stand per priority, the newest one not
 * yet acknowledged (with its Acknowledge), and the alert tone's state, muted or not.
 */
export function AlarmBanner() {
  const t = useTranslations('alarms.banner');
  const { alarms } = useAlarms();
  const counts = useMemo(() => countByPriority(alarms.values()), [alarms]);
  const newest = useMemo(() => newestUnacknowledged(alarms.values()), [alarms]);
  return (
    <section className="alarm-banner" aria-label={t('label')} data-testid="alarm-banner">
      <PriorityCountList counts={counts} />
      <div className="alarm-banner-newest" data-testid="alarm-banner-newest">
        {newest ? <NewestAlarm alarm={newest} /> : <span className="alarm-muted">{t('none')}</span>}
      </div>
      <SoundControl />
    </section>
  );
}

function PriorityCountList({ counts }: { counts: PriorityCounts }) {
  const t = useTranslations('alarms.banner');
  const word = useTranslations('console.priority');
  return (
    <ul className="alarm-counts" aria-label={t('counts')}>
      {PRIORITIES.map((priority: AlarmPriority & keyof PriorityCounts) => {
        const count = counts[priority];
        const name = word(String(priority) as '1');
        return (
          <li
            key={priority}
            className={count === 0 ? 'alarm-count is-zero' : 'alarm-count'}
            data-priority={priority}
            data-count={count}
            aria-label={t('count', { word: name, count })}
          >
            <PriorityShape priority={priority} size={26} />
            <span className="alarm-count-word" aria-hidden="true">
              {name}
            </span>
            <strong className="alarm-count-number" aria-hidden="true">
              {count}
            </strong>
          </li>
        );
      })}
    </ul>
  );
}

function NewestAlarm({ alarm }: { alarm: Alarm }) {
  const t = useTranslations('alarms.banner');
  const { catalog } = useCatalog();
  const canAcknowledge = useAlarmActions(alarm).includes('acknowledge');
  const [acknowledging, setAcknowledging] = useState(false);
  return (
    <>
      <span className="sr-only">{t('newest')}</span>
      <PriorityMark priority={alarm.priority} />
      <span className="alarm-banner-time">
        <TimeCell alarm={alarm} />
      </span>
      <strong className="alarm-banner-asset">{subjectOf(alarm, catalog).name}</strong>
      <MessageCell alarm={alarm} />
      {canAcknowledge && (
        <Button
          className="button button-primary alarm-banner-ack"
          onPress={() => setAcknowledging(true)}
          data-testid="alarm-banner-acknowledge"
        >
          {t('acknowledge')}
        </Button>
      )}
      <AlarmActionDialog
        alarm={alarm}
        action={acknowledging ? 'acknowledge' : null}
        onClose={() => setAcknowledging(false)}
      />
    </>
  );
}

/** Muted is loud on purpose: a silent console must never look like a quiet city. */
function SoundControl() {
  const t = useTranslations('alarms.banner');
  const { state, sound } = useAlarmSound();
  const status = state.muted ? 'muted' : state.unlocked ? 'on' : 'locked';
  return (
    <div className="alarm-sound" data-testid="alarm-sound" data-sound={status} data-tones={state.tones}>
      {state.muted && (
        <span className="alarm-muted-badge" role="status" data-testid="alarm-muted">
          <SpeakerIcon muted /> {t('muted')}
        </span>
      )}
      {status === 'locked' && (
        <Button
          className="button button-secondary"
          onPress={() => void sound.unlock()}
          aria-describedby="sound-hint"
        >
          <SpeakerIcon muted={false} />
          &nbsp;{t('soundLocked')}
          <span id="sound-hint" className="sr-only">
            {t('soundLockedHint')}
          </span>
        </Button>
      )}
      <Button
        className="button button-secondary"
        onPress={() => sound.setMuted(!state.muted)}
        aria-pressed={state.muted}
        data-testid="alarm-mute"
      >
        {state.muted ? t('unmute') : t('mute')}
      </Button>
    </div>
  );
}
