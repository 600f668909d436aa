'use client';
import { ROLES, type Role } from '@city/db/domain';
import { useTranslations } from 'next-intl';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';

/** A role picker (React Aria's Select: a listbox in a popover, keyboard and touch alike). */
export function RoleSelect({
  label,
  value,
  onChange,
  isDisabled,
  hideLabel,
}: {
  label: string;
  value: Role;
  onChange: (role: Role) => void;
  isDisabled?: boolean;
  /** In a table row the column says it; the label is still read. */
  hideLabel?: boolean;
}) {
  const roles = useTranslations('roles');
  return (
    <Select
      className="admin-select"
      selectedKey={value}
      onSelectionChange={(key) => {
        const role = ROLES.find((r) => r === key);
        if (role && role !== value) onChange(role);
      }}
      isDisabled={isDisabled}
    >
      <Label className={hideLabel ? 'sr-only' : 'field-label'}>{label}</Label>
      <Button className="admin-select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="admin-popover">
        <ListBox className="admin-listbox">
          {ROLES.map((role) => (
            <ListBoxItem key={role} id={role} className="admin-option">
              {roles(role)}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
