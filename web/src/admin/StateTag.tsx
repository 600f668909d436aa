import type { ReactNode } from 'react';

/**
 * A state in words. ISA-101: normal is grey and recedes; `abnormal` (disabled, revoked) stands out in
 * bright grey with a solid outline and a marker shape, `pending` (an invitation or code waiting) has a
 * dashed outline. No alarm hue: those belong to the alarm priorities alone.
 */
export function StateTag({
  tone,
  children,
}: {
  tone: 'normal' | 'pending' | 'abnormal';
  children: ReactNode;
}) {
  return (
    <span className={`state-tag state-${tone}`} data-tone={tone}>
      {tone === 'abnormal' && <span aria-hidden="true">◆ </span>}
      {children}
    </span>
  );
}
