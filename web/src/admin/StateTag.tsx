import type { ReactNode } from 'react';

/**
 * A state in words. ISA-101: normal is grey and recedes; `abnormal` (disabled, revoked) gets the muted
 * amber border and a marker shape, `pending` (an invitation or code waiting) a dashed outline, so the
 * difference never rests on colour alone.
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
