'use client';
import { FieldError, Input, Label, NumberField, Text } from 'react-aria-components';

/**
 * A number as the reader's language writes it (2,3 in Dutch, 2.3 in English: React Aria formats and
 * parses with the I18nProvider's locale), with its error beside it. Empty is NaN.
 */
export function RuleNumberField({
  label,
  value,
  onChange,
  error,
  unit,
  isReadOnly,
  isDisabled,
  testId,
}: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  /** What is wrong, already in words; the field is marked invalid while there is one. */
  error?: string;
  unit?: string;
  isReadOnly?: boolean;
  isDisabled?: boolean;
  testId?: string;
}) {
  return (
    <NumberField
      className="field rules-number"
      value={value}
      onChange={onChange}
      isInvalid={error !== undefined}
      isReadOnly={isReadOnly}
      isDisabled={isDisabled}
      validationBehavior="aria"
      formatOptions={{ maximumFractionDigits: 6, useGrouping: false }}
      data-testid={testId}
    >
      <Label className="field-label">{label}</Label>
      <Input className="field-input rules-number-input" />
      {unit && (
        <Text slot="description" className="field-hint">
          {unit}
        </Text>
      )}
      <FieldError className="rules-field-error">{error}</FieldError>
    </NumberField>
  );
}
