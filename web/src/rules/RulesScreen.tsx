'use client';
import type { AlarmTarget } from '@city/domain';
import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Button, I18nProvider } from 'react-aria-components';
import { useCatalog } from '../data/catalog';
import { useTRPC } from '../data/trpc';
import { usePermission } from '../data/use-session';
import { LimitSetEditor } from './LimitSetEditor';
import { LimitSetTable } from './LimitSetTable';
import { groupLimitSets, type LimitSet, targetKey } from './limit-sets';
import { TargetPicker } from './TargetPicker';
import { useTargetLabel } from './target-label';
import { useActiveAlarmsByRule } from './use-active-alarms';

/** What the right-hand side shows: nothing, the target picker for a new set, or one set's editor. */
type Open = { kind: 'none' } | { kind: 'picking' } | { kind: 'set'; key: string; target: AlarmTarget };

/**
 * /rules: the alarm limits as limit sets (one row per target), and an editor beside the list. Every
 * role sees them; only 'rules.edit' gets the controls that change them (the server checks again).
 */
export function RulesScreen() {
  const t = useTranslations('rules');
  const trpc = useTRPC();
  const locale = useLocale();
  const rules = useQuery(trpc.alarms.rules.list.queryOptions());
  const { catalog } = useCatalog();
  const canEdit = usePermission('rules.edit').allowed;
  const targetLabel = useTargetLabel(catalog);
  const activeByRule = useActiveAlarmsByRule();
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const sets = useMemo(() => groupLimitSets(rules.data ?? []), [rules.data]);
  const takenIds = useMemo(() => new Set((rules.data ?? []).map((rule) => rule.id)), [rules.data]);
  const openSet: LimitSet | null =
    open.kind === 'set'
      ? (sets.find((set) => set.key === open.key) ?? { key: open.key, target: open.target, rules: {} })
      : null;

  return (
    // NumberFields format with React Aria's locale: the reader's language, not the browser's.
    <I18nProvider locale={locale}>
      <main className="admin-page rules-page" data-testid="rules-screen" data-editing={open.kind !== 'none'}>
        <div className="rules-content">
          <div className="rules-list">
            <div className="rules-list-head">
              <h1 className="admin-title">{t('title')}</h1>
              {canEdit && (
                <Button
                  className="button button-secondary"
                  onPress={() => setOpen({ kind: 'picking' })}
                  data-testid="new-set"
                >
                  {t('newSet')}
                </Button>
              )}
            </div>
            <p className="admin-note">{canEdit ? t('intro') : `${t('intro')} ${t('readOnly')}`}</p>
            {rules.isPending && <p className="admin-note">{t('loading')}</p>}
            {rules.error && (
              <p className="form-error" role="alert">
                {t('loadFailed', { reason: rules.error.message })}
              </p>
            )}
            {rules.data && sets.length === 0 && <p className="admin-note">{t('empty')}</p>}
            {sets.length > 0 && (
              <LimitSetTable
                sets={sets}
                targetLabel={targetLabel}
                activeByRule={activeByRule}
                selectedKey={openSet?.key ?? null}
                canEdit={canEdit}
                onOpen={(key) => {
                  const set = sets.find((candidate) => candidate.key === key);
                  if (set) setOpen({ kind: 'set', key, target: set.target });
                }}
              />
            )}
          </div>
          {open.kind === 'picking' && catalog && (
            <TargetPicker
              catalog={catalog}
              targetLabel={targetLabel}
              onCancel={() => setOpen({ kind: 'none' })}
              // A target that has a set already opens it: one set per target and kind.
              onPick={(target) => setOpen({ kind: 'set', key: targetKey(target), target })}
            />
          )}
          {openSet && (
            <LimitSetEditor
              key={openSet.key}
              set={openSet}
              title={targetLabel(openSet.target)}
              catalog={catalog}
              canEdit={canEdit}
              takenIds={takenIds}
              onClose={() => setOpen({ kind: 'none' })}
            />
          )}
        </div>
      </main>
    </I18nProvider>
  );
}
