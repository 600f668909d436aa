'use client';
import type { Alarm, Channel } from '@city/domain';
import { useFormatter, useTranslations } from 'next-intl';
import { Button } from 'react-aria-components';
import { useAlarmMessage } from '../alarms/use-alarm-message';
import { useNewestJournal } from '../alarms/use-newest-journal';
import { PriorityMark } from '../ui/PriorityMark';

/**
 * What this asset's alarms did, newest first: when, what happened, how urgent, what it said, and who
 * acted with what note. Messages are worded here from key and parameters, so they follow the language.
 * A page at a time (alarms.newestJournal), older pages on request; read again when one of `alarms`
 * (as the realtime store holds them) makes a transition.
 */
export function AssetJournal({
  assetId,
  alarms,
  channels,
}: {
  assetId: string;
  alarms: readonly Alarm[];
  channels: readonly Channel[];
}) {
  const t = useTranslations('asset.journal');
  const format = useFormatter();
  const text = useAlarmMessage();
  const channelName = new Map(channels.map((channel) => [channel.id, channel.name]));
  const newestSeq = alarms.reduce((newest, alarm) => Math.max(newest, alarm.seq), 0);
  const {
    entries: journal,
    loaded,
    error,
    hasOlder,
    loadingOlder,
    loadOlder,
  } = useNewestJournal({ assetId }, newestSeq);

  return (
    <section className="asset-section" aria-labelledby="journal-title">
      <h2 id="journal-title" className="asset-section-title">
        {t('title')}
      </h2>
      {error && (
        <p className="form-error" role="alert">
          {t('failed', { reason: error.message })}
        </p>
      )}
      {!loaded ? (
        !error && <p className="asset-empty">{t('loading')}</p>
      ) : journal.length === 0 ? (
        <p className="asset-empty" data-testid="journal-empty">
          {t('empty')}
        </p>
      ) : (
        <div className="asset-scroll">
          <table className="asset-table journal-table" data-testid="asset-journal">
            <thead>
              <tr>
                <th scope="col">{t('time')}</th>
                <th scope="col">{t('event')}</th>
                <th scope="col">{t('priority')}</th>
                <th scope="col">{t('message')}</th>
                <th scope="col">{t('by')}</th>
              </tr>
            </thead>
            <tbody>
              {journal.map((entry) => (
                <tr key={entry.seq} data-event={entry.event} data-seq={entry.seq}>
                  <td className="journal-time">
                    <time dateTime={new Date(entry.at).toISOString()}>
                      {format.dateTime(entry.at, {
                        day: 'numeric',
                        month: 'short',
                        hour: '2-digit',
                        minute: '2-digit',
                        second: '2-digit',
                        hourCycle: 'h23',
                      })}
                    </time>
                  </td>
                  <td>{t(`events.${entry.event}`)}</td>
                  <td>
                    <PriorityMark priority={entry.priority} compact />
                  </td>
                  <td>
                    <span className="journal-message">{text(entry.message)}</span>
                    <span className="journal-channel">
                      {channelName.get(entry.channelId) ?? entry.channelId}
                    </span>
                  </td>
                  <td>
                    {entry.actor ?? <span className="journal-system">{t('system')}</span>}
                    {entry.note && <span className="journal-note">“{entry.note}”</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {hasOlder && (
            <Button
              className="button button-secondary"
              onPress={loadOlder}
              isPending={loadingOlder}
              data-testid="journal-older"
            >
              {loadingOlder ? t('loadingOlder') : t('older')}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}
