'use client';
import { useTranslations } from 'next-intl';
import { phaseOf, type SetpointPhase } from './setpoint';
import type { FollowedCommand, Refusal } from './use-setpoint';

/** Waiting and confirmed are normal (grey); rejected, failed, expired and refused are not (glyph + word). */
const GLYPHS: Record<SetpointPhase | 'refused', string> = {
  pending: '◷',
  confirmed: '✓',
  rejected: '✕',
  failed: '✕',
  expired: '⌛',
  refused: '✕',
};

/** The last command of this point, live: pending → confirmed with the read-back, or why not. */
export function SetpointStatus({
  command,
  refusal,
  format,
}: {
  command: FollowedCommand | null;
  refusal: Refusal | null;
  format: (value: number) => string;
}) {
  return (
    <div className="setpoint-status-slot" role="status">
      <StatusLine command={command} refusal={refusal} format={format} />
    </div>
  );
}

function StatusLine({
  command,
  refusal,
  format,
}: {
  command: FollowedCommand | null;
  refusal: Refusal | null;
  format: (value: number) => string;
}) {
  const t = useTranslations('asset.setpoint.status');
  if (refusal) {
    return (
      <p className="setpoint-status abnormal" data-testid="setpoint-status" data-phase="refused">
        <span aria-hidden="true">{GLYPHS.refused}</span>{' '}
        {refusal.kind === 'server' ? t('refused', { reason: refusal.message }) : t('reauthImpossible')}
      </p>
    );
  }
  if (!command) return null;
  const phase = phaseOf(command.status);
  const reason = command.outcome ?? t('noReason');
  const text = {
    pending: () => t('pending', { value: format(command.value) }),
    confirmed: () => t('confirmed', { readBack: command.readBack === null ? '—' : format(command.readBack) }),
    rejected: () => t('rejected', { reason }),
    failed: () => t('failed', { reason }),
    expired: () => t('expired'),
  }[phase]();
  return (
    <p
      className={`setpoint-status ${phase === 'pending' || phase === 'confirmed' ? 'normal' : 'abnormal'}`}
      data-testid="setpoint-status"
      data-phase={phase}
      data-read-back={command.readBack ?? ''}
    >
      <span aria-hidden="true">{GLYPHS[phase]}</span> {text}
    </p>
  );
}
