'use client';
import { ALARM_RULE_KINDS, type AlarmPriority } from '@city/domain';
import { useTranslations } from 'next-intl';
import { Checkbox } from 'react-aria-components';
import { ChoiceSelect } from '../admin/ChoiceSelect';
import { PriorityMark } from '../ui/PriorityMark';
import type { SlotDraft } from './draft';
import { isLevelKind, type SlotKind } from './limit-sets';
import { RuleNumberField } from './RuleNumberField';
import { SlotTexts } from './SlotTexts';
import type { SlotField } from './validate-limits';

const PRIORITIES: readonly AlarmPriority[] = [1, 2, 3, 4];

export interface SlotFieldsProps {
  kind: SlotKind;
  slot: SlotDraft;
  unit: string;
  /** Each field's error in words (the browser's own check, or the server's refusal). */
  errors: Partial<Record<SlotField, string>>;
  canEdit: boolean;
  activeAlarms: number;
  onChange: (patch: Partial<SlotDraft>) => void;
}

/** One slot of a limit set (HH, H, … no data): whether it is used, its numbers, priority and texts. */
export function SlotFields({ kind, slot, unit, errors, canEdit, activeAlarms, onChange }: SlotFieldsProps) {
  const t = useTranslations('rules');
  const priorityWords = useTranslations('console.priority');
  const short = t(`kind.${kind}`);
  const limitLabel =
    kind === 'rate-of-change'
      ? t('editor.limitRate', { unit })
      : kind === 'no-data'
        ? t('editor.limitNoData')
        : t('editor.limit');
  const id = `slot-${ALARM_RULE_KINDS.indexOf(kind)}`;
  return (
    <fieldset className="rules-slot" data-kind={kind} data-in-use={slot.inUse} data-testid={`slot-${kind}`}>
      <legend className="rules-slot-legend">
        <span className="rules-slot-short">{short}</span> {t(`kindLong.${kind}`)}
      </legend>
      <div className="rules-slot-head">
        {canEdit ? (
          <Checkbox
            className="checkbox"
            isSelected={slot.inUse}
            onChange={(inUse) => onChange({ inUse })}
            data-testid={`use-${kind}`}
          >
            <span className="checkbox-box" aria-hidden="true">
              {slot.inUse ? '✓' : ''}
            </span>
            {t('editor.inUse', { kind: short })}
          </Checkbox>
        ) : null}
        {slot.inUse && <PriorityMark priority={slot.priority} />}
        {activeAlarms > 0 && (
          <span className="rules-slot-alarms" data-testid={`slot-alarms-${kind}`}>
            {t('editor.activeAlarms', { count: activeAlarms })}
          </span>
        )}
        {slot.inUse && !slot.enabled && <span className="rules-slot-off">{t('editor.disabled')}</span>}
        {!slot.inUse && slot.ruleId !== null && (
          <span className="rules-slot-off" data-testid={`removing-${kind}`}>
            {t('editor.removing')}
          </span>
        )}
      </div>
      {slot.inUse && (
        <>
          <div className="rules-slot-fields" id={id}>
            <RuleNumberField
              label={limitLabel}
              value={slot.limit}
              onChange={(limit) => onChange({ limit })}
              error={errors.limit}
              unit={isLevelKind(kind) && unit ? t('editor.unit', { unit }) : undefined}
              isReadOnly={!canEdit}
              testId={`${kind}-limit`}
            />
            {kind !== 'no-data' && (
              <RuleNumberField
                label={t('editor.deadband')}
                value={slot.deadband}
                onChange={(deadband) => onChange({ deadband })}
                error={errors.deadband}
                isReadOnly={!canEdit}
                testId={`${kind}-deadband`}
              />
            )}
            <RuleNumberField
              label={t('editor.onDelay')}
              value={slot.onDelayS}
              onChange={(onDelayS) => onChange({ onDelayS })}
              error={errors.onDelay}
              isReadOnly={!canEdit}
              testId={`${kind}-on-delay`}
            />
            <RuleNumberField
              label={t('editor.offDelay')}
              value={slot.offDelayS}
              onChange={(offDelayS) => onChange({ offDelayS })}
              error={errors.offDelay}
              isReadOnly={!canEdit}
              testId={`${kind}-off-delay`}
            />
            <ChoiceSelect
              label={t('editor.priority')}
              options={PRIORITIES}
              optionLabel={(p) => priorityWords(String(p) as '1')}
              value={slot.priority}
              onChange={(priority) => onChange({ priority })}
              isDisabled={!canEdit}
            />
          </div>
          <SlotTexts kind={kind} slot={slot} errors={errors} canEdit={canEdit} onChange={onChange} />
        </>
      )}
    </fieldset>
  );
}
