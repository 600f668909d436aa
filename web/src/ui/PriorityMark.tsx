'use client';
import type { AlarmPriority } from '@city/domain';
import { useTranslations } from 'next-intl';

/**
 * ISA-101: a priority is told by colour, shape and word together, never colour alone, so it reads on
 * a monochrome print, to a colour-blind operator and across the room. 1 ◆ diamond, 2 ▲ triangle,
 * 3 ■ square, 4 ● circle, each with its number inside.
 */
const SHAPES: Record<AlarmPriority, string> = {
  1: 'M12 1 L23 12 L12 23 L1 12 Z',
  2: 'M12 2 L23 21 L1 21 Z',
  3: 'M3 3 H21 V21 H3 Z',
  4: 'M12 2 A10 10 0 1 1 11.99 2 Z',
};

export function PriorityShape({ priority, size = 22 }: { priority: AlarmPriority; size?: number }) {
  return (
    <svg
      className="priority-shape"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      data-priority={priority}
    >
      <path d={SHAPES[priority]} fill={`var(--priority-${priority})`} />
      <text x="12" y={priority === 2 ? 18 : 16.5} textAnchor="middle" className="priority-shape-number">
        {priority}
      </text>
    </svg>
  );
}

/** Shape and word, e.g. "◆ Critical"; `compact` drops the word where a column header says it. */
export function PriorityMark({ priority, compact = false }: { priority: AlarmPriority; compact?: boolean }) {
  const t = useTranslations('console.priority');
  const word = t(String(priority) as '1');
  return (
    <span
      className={`priority-mark priority-${priority}`}
      data-priority={priority}
      title={compact ? t('label', { word }) : undefined}
    >
      <PriorityShape priority={priority} />
      {compact ? <span className="sr-only">{t('label', { word })}</span> : <span>{word}</span>}
    </span>
  );
}
