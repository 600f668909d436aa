'use client';
import type { Key } from 'react';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';

/**
 * A picker over a fixed list (React Aria's Select: a listbox in a popover, keyboard and touch alike).
 * onChange hears only a different choice from the list.
 */
export function ChoiceSelect<T extends string | number>({
  label,
  options,
  optionLabel,
  value,
  onChange,
  isDisabled,
  hideLabel,
}: {
  label: string;
  options: readonly T[];
  optionLabel: (option: T) => string;
  value: T;
  onChange: (option: T) => void;
  isDisabled?: boolean;
  /** In a table row the column says it; the label is still read. */
  hideLabel?: boolean;
}) {
  const choose = (key: Key | null) => {
    const option = options.find((o) => o === key);
    if (option !== undefined && option !== value) onChange(option);
  };
  return (
    <Select className="select" selectedKey={value} onSelectionChange={choose} isDisabled={isDisabled}>
      <Label className={hideLabel ? 'sr-only' : 'field-label'}>{label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="menu-popover">
        <ListBox className="menu">
          {options.map((option) => (
            <ListBoxItem key={option} id={option} className="menu-item">
              {optionLabel(option)}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
