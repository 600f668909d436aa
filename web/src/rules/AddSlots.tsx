'use client';
import { useTranslations } from 'next-intl';
import { Checkbox } from 'react-aria-components';
import type { SlotKind } from './limit-sets';

/**
 * The slots a set does not use yet, on one line: ticking one opens its fields in their place (HH
 * above H …), so a set with two limits is two short blocks, not six.
 */
export function AddSlots({ kinds, onAdd }: { kinds: SlotKind[]; onAdd: (kind: SlotKind) => void }) {
  const t = useTranslations('rules');
  if (kinds.length === 0) return null;
  return (
    <fieldset className="rules-slot rules-add" data-testid="add-slots">
      <legend className="rules-slot-legend">{t('editor.add')}</legend>
      <div className="rules-add-options">
        {kinds.map((kind) => (
          <Checkbox
            key={kind}
            className="checkbox"
            isSelected={false}
            onChange={(selected) => selected && onAdd(kind)}
            data-testid={`use-${kind}`}
          >
            <span className="checkbox-box" aria-hidden="true" />
            <span>
              {t('editor.inUse', { kind: t(`kind.${kind}`) })}
              <span className="rules-add-long"> · {t(`kindLong.${kind}`)}</span>
            </span>
          </Checkbox>
        ))}
      </div>
    </fieldset>
  );
}
