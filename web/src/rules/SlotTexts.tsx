'use client';
import type { LocalizedText } from '@city/domain';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import {
  Button,
  Disclosure,
  DisclosurePanel,
  FieldError,
  Heading,
  Input,
  Label,
  Text,
  TextField,
} from 'react-aria-components';
import { MESSAGE_PLACEHOLDERS } from './default-texts';
import type { SlotDraft } from './draft';
import type { SlotKind } from './limit-sets';
import type { SlotField } from './validate-limits';

/**
 * A rule's name and message in Dutch and in English, folded away until wanted (most edits are
 * numbers); it opens by itself while one of them is wrong.
 */
export function SlotTexts({
  kind,
  slot,
  errors,
  canEdit,
  onChange,
}: {
  kind: SlotKind;
  slot: SlotDraft;
  errors: Partial<Record<SlotField, string>>;
  canEdit: boolean;
  onChange: (patch: Partial<SlotDraft>) => void;
}) {
  const t = useTranslations('rules');
  const wrong = errors.name !== undefined || errors.message !== undefined;
  const [expanded, setExpanded] = useState(false);
  const text = (field: 'name' | 'message', locale: keyof LocalizedText) => (
    <TextField
      className="field"
      value={slot[field][locale]}
      onChange={(value) => onChange({ [field]: { ...slot[field], [locale]: value } })}
      isInvalid={errors[field] !== undefined}
      isReadOnly={!canEdit}
      validationBehavior="aria"
      data-testid={`${kind}-${field}-${locale}`}
    >
      <Label className="field-label">{t(`editor.${field}${locale === 'nl' ? 'Nl' : 'En'}`)}</Label>
      <Input className="field-input rules-text-input" lang={locale} />
      {field === 'message' && locale === 'nl' && (
        <Text slot="description" className="field-hint">
          {t('editor.messageHint', { placeholders: MESSAGE_PLACEHOLDERS })}
        </Text>
      )}
      {/* One error per field serves both languages; it is shown under the Dutch one. */}
      {locale === 'nl' && <FieldError className="rules-field-error">{errors[field]}</FieldError>}
    </TextField>
  );
  return (
    <Disclosure className="rules-texts" isExpanded={expanded || wrong} onExpandedChange={setExpanded}>
      <Heading level={4} className="rules-texts-heading">
        <Button slot="trigger" className="rules-texts-trigger">
          <span aria-hidden="true" className="rules-texts-chevron">
            ▸
          </span>
          {t('editor.texts', { kind: t(`kind.${kind}`) })}
        </Button>
      </Heading>
      <DisclosurePanel className="rules-texts-panel">
        <div className="rules-texts-grid">
          {text('name', 'nl')}
          {text('name', 'en')}
          {text('message', 'nl')}
          {text('message', 'en')}
        </div>
      </DisclosurePanel>
    </Disclosure>
  );
}
