'use client';
import type { Key } from 'react';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';

/**
 * A filter over a fixed list (React Aria Select with several choices): nothing chosen means all, so
 * the button then says "All". The popover stays open while ticking options, as a filter wants.
 */
export function FilterSelect<T extends string | number>({
  label,
  allLabel,
  options,
  optionLabel,
  value,
  onChange,
  testId,
}: {
  label: string;
  allLabel: string;
  options: readonly T[];
  optionLabel: (option: T) => string;
  value: readonly T[];
  onChange: (chosen: T[]) => void;
  testId?: string;
}) {
  const choose = (keys: Key[]) => onChange(options.filter((option) => keys.includes(option)));
  return (
    <Select
      className="alarm-filter"
      selectionMode="multiple"
      value={[...value]}
      onChange={choose}
      placeholder={allLabel}
      data-testid={testId}
    >
      <Label className="alarm-filter-label">{label}</Label>
      <Button className="select-button alarm-filter-button">
        <SelectValue className="alarm-filter-value">
          {({ isPlaceholder }) =>
            isPlaceholder ? allLabel : value.map((option) => optionLabel(option)).join(', ')
          }
        </SelectValue>
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="menu-popover">
        <ListBox className="menu">
          {options.map((option) => (
            <ListBoxItem key={option} id={option} className="menu-item" textValue={optionLabel(option)}>
              {optionLabel(option)}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
