'use client';
import { Input, Label, Text, TextField } from 'react-aria-components';

/** A labelled text field (React Aria), 48 px high like every control. */
export function TextInput({
  label,
  hint,
  name,
  value,
  onChange,
  type = 'text',
  isRequired,
  isReadOnly,
}: {
  label: string;
  hint?: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'url' | 'number' | 'datetime-local';
  isRequired?: boolean;
  isReadOnly?: boolean;
}) {
  return (
    <TextField
      className="field"
      name={name}
      value={value}
      onChange={onChange}
      type={type}
      isRequired={isRequired}
      isReadOnly={isReadOnly}
    >
      <Label className="field-label">{label}</Label>
      {hint && (
        <Text slot="description" className="field-hint">
          {hint}
        </Text>
      )}
      <Input className="field-input" autoCapitalize="none" spellCheck={false} />
    </TextField>
  );
}
