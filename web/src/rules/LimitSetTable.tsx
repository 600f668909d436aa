'use client';
import type { AlarmRule, AlarmTarget } from '@city/domain';
import { useFormatter, useTranslations } from 'next-intl';
import { Button } from 'react-aria-components';
import { PriorityMark } from '../ui/PriorityMark';
import { type LimitSet, SLOT_KINDS } from './limit-sets';

/**
 * The limit sets at a glance: per target its limits with their priority's shape, and how many alarms
 * its rules hold active now. Normal rows stay grey; only an active alarm count stands out.
 */
export function LimitSetTable({
  sets,
  targetLabel,
  activeByRule,
  selectedKey,
  canEdit,
  onOpen,
}: {
  sets: LimitSet[];
  targetLabel: (target: AlarmTarget) => string;
  activeByRule: ReadonlyMap<string, number>;
  selectedKey: string | null;
  canEdit: boolean;
  onOpen: (key: string) => void;
}) {
  const t = useTranslations('rules');
  return (
    <div className="table-scroll">
      <table className="data-table rules-table" aria-label={t('table.label')} data-testid="limit-sets">
        <thead>
          <tr>
            <th scope="col">{t('table.target')}</th>
            {SLOT_KINDS.map((kind) => (
              <th key={kind} scope="col" className="rules-num">
                <abbr title={t(`kindLong.${kind}`)}>{t(`kind.${kind}`)}</abbr>
              </th>
            ))}
            <th scope="col">{t('table.active')}</th>
            <th scope="col">
              <span className="sr-only">{t('table.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sets.map((set) => {
            const label = targetLabel(set.target);
            const active = SLOT_KINDS.reduce(
              (sum, kind) => sum + (activeByRule.get(set.rules[kind]?.id ?? '') ?? 0),
              0,
            );
            return (
              <tr
                key={set.key}
                aria-current={set.key === selectedKey ? 'true' : undefined}
                data-testid="limit-set-row"
                data-key={set.key}
              >
                <th scope="row" className="rules-target">
                  {label}
                </th>
                {SLOT_KINDS.map((kind) => (
                  <td key={kind} className="rules-num">
                    <LimitCell rule={set.rules[kind]} />
                  </td>
                ))}
                <td>
                  <span className={active > 0 ? 'rules-active' : 'rules-quiet'} data-testid="set-active">
                    {t('table.activeCount', { count: active })}
                  </span>
                </td>
                <td>
                  <Button
                    className="button button-secondary rules-open"
                    aria-label={
                      canEdit ? t('table.edit', { target: label }) : t('table.view', { target: label })
                    }
                    onPress={() => onOpen(set.key)}
                  >
                    {canEdit ? t('table.editShort') : t('table.viewShort')}
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function LimitCell({ rule }: { rule: AlarmRule | undefined }) {
  const t = useTranslations('rules.table');
  const format = useFormatter();
  if (!rule) return <span className="rules-quiet">{t('none')}</span>;
  return (
    <span className="rules-limit" data-enabled={rule.enabled}>
      <PriorityMark priority={rule.priority} compact />
      {format.number(rule.limit, { maximumFractionDigits: 6 })}
      {!rule.enabled && <span className="rules-quiet"> ({t('off')})</span>}
    </span>
  );
}
