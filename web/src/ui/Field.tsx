import type { InputHTMLAttributes, Ref } from 'react';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  id: string;
  label: string;
  ref?: Ref<HTMLInputElement>;
  /** A line under the label that says what is expected; read with the field. */
  hint?: string;
  /** The id of the form's error message while it concerns this field. */
  errorId?: string;
}

/** A labelled text input, 48 px high, whose hint and error are announced with it. */
export function Field({ id, label, hint, errorId, ...input }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        id={id}
        className="field-input"
        aria-describedby={describedBy}
        aria-invalid={errorId ? true : undefined}
        {...input}
      />
    </div>
  );
}
