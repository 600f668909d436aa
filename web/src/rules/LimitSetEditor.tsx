'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useState } from 'react';
import { Button } from 'react-aria-components';
import type { Catalog } from '../data/catalog';
import { AddSlots } from './AddSlots';
import { CurrentValue } from './CurrentValue';
import { defaultTexts } from './default-texts';
import { draftOf, type LimitSetDraft, ruleOf, type SlotDraft, savePlan } from './draft';
import { type LimitSet, SLOT_KINDS, type SlotKind } from './limit-sets';
import { RemoveRulesDialog } from './RemoveRulesDialog';
import { type PreviewRule, RulePreview } from './RulePreview';
import { SlotFields } from './SlotFields';
import { unitOf } from './target-label';
import { useActiveAlarmsByRule } from './use-active-alarms';
import { useLimitSetDraft } from './use-limit-set-draft';
import { type SaveOutcome, useSaveLimitSet } from './use-save-limit-set';
import {
  type FieldPath,
  type FieldProblems,
  hasProblems,
  type SlotField,
  validateLimitSet,
} from './validate-limits';

type Status =
  | { kind: 'idle' }
  | { kind: 'nothing' }
  | { kind: 'fix-first' }
  | { kind: 'confirm-remove'; kinds: SlotKind[] }
  | { kind: 'done'; outcome: SaveOutcome };

export interface LimitSetEditorProps {
  set: LimitSet;
  /** The target in words, for the title and a new rule's name. */
  title: string;
  catalog: Catalog | null;
  canEdit: boolean;
  /** Every rule id there is, so a new rule gets one of its own. */
  takenIds: ReadonlySet<string>;
  onClose: () => void;
}

/**
 * One limit set in an editor: the slots, each field's error beside it (checked in the browser across
 * the set, then the server's own refusals), the 7-day preview of the draft, and a save that says what
 * it did. Without 'rules.edit' it shows the same, read only.
 */
export function LimitSetEditor({ set, title, catalog, canEdit, takenIds, onClose }: LimitSetEditorProps) {
  const t = useTranslations('rules');
  const texts = useMemo(() => defaultTexts(title), [title]);
  const { draft, update, reset } = useLimitSetDraft(() => draftOf(set, texts));
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [refused, setRefused] = useState<Partial<Record<FieldPath, string>>>({});
  const saving = useSaveLimitSet();
  const unit = unitOf(set.target, catalog);
  const problems = useMemo(() => validateLimitSet(draft), [draft]);
  const errorsOf = useFieldErrors(problems, refused);
  const activeByRule = useActiveAlarmsByRule();

  // Saved rules come back from the server with their ids: the draft starts again from them.
  const signature = JSON.stringify(set.rules);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of the saved rules resets the draft
  useEffect(() => reset(), [signature]);

  const change = (kind: SlotKind, patch: Parameters<typeof update>[1]) => {
    update(kind, patch);
    setRefused({});
    setStatus({ kind: 'idle' });
  };

  const undo = () => {
    reset();
    setRefused({});
    setStatus({ kind: 'idle' });
  };

  async function save(confirmedRemoval: boolean) {
    if (hasProblems(problems)) return setStatus({ kind: 'fix-first' });
    const plan = savePlan(set, draft, takenIds);
    if (plan.save.length === 0 && plan.delete.length === 0) return setStatus({ kind: 'nothing' });
    if (plan.delete.length > 0 && !confirmedRemoval) {
      const kinds = SLOT_KINDS.filter((kind) => set.rules[kind] && !draft.slots[kind].inUse);
      return setStatus({ kind: 'confirm-remove', kinds });
    }
    const outcome = await saving.run(plan);
    if (outcome.status === 'refused' && outcome.kind) {
      const kind = outcome.kind;
      const fields = Object.entries(outcome.refusal.fields) as [SlotField, string][];
      setRefused(Object.fromEntries(fields.map(([field, text]) => [`${kind}.${field}`, text])));
    }
    setStatus({ kind: 'done', outcome });
  }

  return (
    <section
      className="form-panel rules-editor"
      aria-labelledby="rules-editor-title"
      data-testid="limit-set-editor"
    >
      <header className="rules-editor-head">
        <h2 id="rules-editor-title" className="rules-editor-title">
          {t('editor.title', { target: title })}
        </h2>
        <Button className="button button-secondary" onPress={onClose}>
          {t('editor.close')}
        </Button>
      </header>
      <CurrentValue target={set.target} unit={unit} />
      {!canEdit && <p className="admin-note">{t('editor.readOnly')}</p>}
      <form
        className="rules-editor-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save(false);
        }}
      >
        {SLOT_KINDS.filter((kind) => shownInFull(draft.slots[kind])).map((kind) => (
          <SlotFields
            key={kind}
            kind={kind}
            slot={draft.slots[kind]}
            unit={unit}
            errors={errorsOf(kind)}
            canEdit={canEdit}
            activeAlarms={activeByRule.get(draft.slots[kind].ruleId ?? '') ?? 0}
            onChange={(patch) => change(kind, patch)}
          />
        ))}
        {canEdit && (
          <AddSlots
            kinds={SLOT_KINDS.filter((kind) => !shownInFull(draft.slots[kind]))}
            onAdd={(kind) => change(kind, { inUse: true })}
          />
        )}
        {/* The preview replays stored readings (engineers only); communications rules have none. */}
        {canEdit && !('scope' in set.target) && (
          <RulePreview
            rules={previewRules(draft, takenIds)}
            valid={!hasProblems(problems)}
            catalog={catalog}
          />
        )}
        {canEdit && (
          <div className="rules-editor-actions">
            <Button
              type="submit"
              className="button button-primary"
              isDisabled={saving.pending}
              data-testid="save-limits"
            >
              {saving.pending ? t('editor.saving') : t('editor.save')}
            </Button>
            <Button className="button button-secondary" onPress={undo}>
              {t('editor.reset')}
            </Button>
            <SaveStatus status={status} />
          </div>
        )}
      </form>
      {status.kind === 'confirm-remove' && (
        <RemoveRulesDialog
          kinds={status.kinds}
          onCancel={() => setStatus({ kind: 'idle' })}
          onConfirm={() => {
            setStatus({ kind: 'idle' });
            void save(true);
          }}
        />
      )}
    </section>
  );
}

/** A slot in use, or one whose saved rule is being given up (it says so until saved); the rest wait in AddSlots. */
const shownInFull = (slot: SlotDraft) => slot.inUse || slot.ruleId !== null;

/** The slots whose preview can be asked for: those in use, as the rules they would save as. */
function previewRules(draft: LimitSetDraft, taken: ReadonlySet<string>): PreviewRule[] {
  return SLOT_KINDS.filter((kind) => draft.slots[kind].inUse).map((kind) => ({
    kind,
    rule: ruleOf(draft.target, kind, draft.slots[kind], taken),
  }));
}

/** Each slot's errors in words: the browser's check first, else what the server refused. */
function useFieldErrors(problems: FieldProblems, refused: Partial<Record<FieldPath, string>>) {
  const t = useTranslations('rules.error');
  return (kind: SlotKind): Partial<Record<SlotField, string>> => {
    const errors: Partial<Record<SlotField, string>> = {};
    for (const field of ['limit', 'deadband', 'onDelay', 'offDelay', 'name', 'message'] as const) {
      const problem = problems[`${kind}.${field}`];
      const text = problem ? t(problem.key, problem.values as never) : refused[`${kind}.${field}`];
      if (text !== undefined) errors[field] = text;
    }
    return errors;
  };
}

function SaveStatus({ status }: { status: Status }) {
  const t = useTranslations('rules.editor');
  let text: string | null = null;
  let error = false;
  if (status.kind === 'nothing') text = t('nothingChanged');
  if (status.kind === 'fix-first') [text, error] = [t('fixFirst'), true];
  if (status.kind === 'done' && status.outcome.status === 'saved')
    text = t('saved', { count: status.outcome.changed });
  if (status.kind === 'done' && status.outcome.status === 'refused') {
    const reason = status.outcome.refusal.form ?? Object.values(status.outcome.refusal.fields).join('; ');
    [text, error] = [t('failed', { reason }), true];
  }
  return (
    <p className={error ? 'form-error' : 'rules-saved'} role="status" data-testid="save-status">
      {text}
    </p>
  );
}
