'use client';
import { ROLES, type Role } from '@city/domain';
import { useTranslations } from 'next-intl';
import { ChoiceSelect } from './ChoiceSelect';

/** A role picker, each role in the screen's language. */
export function RoleSelect(props: {
  label: string;
  value: Role;
  onChange: (role: Role) => void;
  isDisabled?: boolean;
  hideLabel?: boolean;
}) {
  const roles = useTranslations('roles');
  return <ChoiceSelect {...props} options={ROLES} optionLabel={(role) => roles(role)} />;
}
