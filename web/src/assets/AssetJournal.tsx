'use client';
import type { Channel } from '@city/domain';
import { useFormatter, useTranslations } from 'next-intl';
import { useAlarmMessage } from '../alarms/use-alarm-message';
import { PriorityMark } from '../ui/PriorityMark';
import type { JournalEntry } from './types';

/**
 * What this asset's alarms did, newest first: when, what happened, how urgent, what it said, and who
 * acted with what note. Messages are worded here from key and parameters, so they follow the language.
 */
export function AssetJournal({
  journal,
  channels,
}: {
  journal: readonly JournalEntry[];
  channels: readonly Channel[];
}) {
  const t = useTranslations('asset.journal');
  const format = useFormatter();
  const text = useAlarmMessage();
  const channelName = new Map(channels.map((channel) => [channel.id, channel.name]));

  return (
    <section className="asset-section" aria-labelledby="journal-title">
      <h2 id="journal-title" className="asset-section-title">
        {t('title')}
      </h2>
      {journal.length === 0 ? (
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
        </div>
      )}
    </section>
  );
}
