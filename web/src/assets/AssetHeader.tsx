'use client';
import type { Alarm, Asset } from '@city/domain';
import { useTranslations } from 'next-intl';
import { useAlarmMessage } from '../alarms/use-alarm-message';
import { IntentLink } from '../ui/IntentLink';
import { PriorityMark } from '../ui/PriorityMark';

/** Alarms an operator still has to see here: active, or cleared but not yet acknowledged. */
const needsAttention = (alarm: Alarm) =>
  alarm.state === 'unacknowledged' ||
  alarm.state === 'acknowledged' ||
  alarm.state === 'returned-unacknowledged';

/**
 * The asset's name, kind and district, and its alarms that need attention, most urgent first. With
 * none the header stays grey: calm is the normal state (ISA-101).
 */
export function AssetHeader({ asset, alarms }: { asset: Asset; alarms: readonly Alarm[] }) {
  const t = useTranslations('asset');
  const states = useTranslations('alarms.state');
  const text = useAlarmMessage();
  const shown = alarms.filter(needsAttention).sort((a, b) => a.priority - b.priority || b.seq - a.seq);

  return (
    <header className="asset-header">
      <div className="asset-title-block">
        <IntentLink href="/" className="asset-back">
          {t('backToMap')}
        </IntentLink>
        <h1 className="asset-title" data-testid="asset-name">
          {asset.name}
        </h1>
        <p className="asset-facts">
          <span>{t(`kind.${asset.kind}`)}</span>
          <span aria-hidden="true">·</span>
          <span>{asset.district ?? t('noDistrict')}</span>
          <span aria-hidden="true">·</span>
          <span className="asset-id">{asset.id}</span>
        </p>
      </div>
      <section className="asset-alarms" aria-label={t('activeAlarms')} data-testid="asset-alarms">
        {shown.length === 0 ? (
          <p className="asset-calm">{t('noAlarms')}</p>
        ) : (
          <ul className="asset-alarm-list">
            {shown.map((alarm) => (
              <li
                key={alarm.id}
                className="asset-alarm"
                data-priority={alarm.priority}
                data-state={alarm.state}
              >
                <PriorityMark priority={alarm.priority} />
                <span className="asset-alarm-text">{text(alarm.message)}</span>
                <span className="asset-alarm-state">{states(alarm.state)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </header>
  );
}
