'use client';
import {
  type ColumnDef,
  type ExpandedState,
  flexRender,
  getCoreRowModel,
  getExpandedRowModel,
  type Row,
  useReactTable,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslations } from 'next-intl';
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { AlarmRowActions } from './AlarmRowActions';
import {
  AssetCell,
  GroupToggle,
  MessageCell,
  PriorityCell,
  StateCell,
  TimeCell,
  ValueCell,
} from './alarm-cells';
import type { AlarmRow } from './alarm-rows';
import './alarms-list.css';

export type ListVariant = 'full' | 'docked';

/** Row heights: fixed, so thousands of rows scroll smoothly without measuring each. */
const ROW_HEIGHT: Record<ListVariant, number> = { full: 64, docked: 136 };

type Translate = ReturnType<typeof useTranslations<'alarms.list'>>;

function columnsFor(variant: ListVariant, t: Translate): ColumnDef<AlarmRow>[] {
  return [
    {
      id: 'group',
      header: () => <span className="sr-only">{t('suppressedCount', { count: 0 })}</span>,
      cell: ({ row }) => <GroupToggle row={row} />,
    },
    {
      id: 'priority',
      header: t('priority'),
      cell: ({ row }) => <PriorityCell alarm={row.original.alarm} compact={variant === 'docked'} />,
    },
    { id: 'time', header: t('time'), cell: ({ row }) => <TimeCell alarm={row.original.alarm} /> },
    { id: 'asset', header: t('asset'), cell: ({ row }) => <AssetCell row={row.original} /> },
    { id: 'message', header: t('message'), cell: ({ row }) => <MessageCell alarm={row.original.alarm} /> },
    { id: 'state', header: t('state'), cell: ({ row }) => <StateCell alarm={row.original.alarm} /> },
    { id: 'value', header: t('value'), cell: ({ row }) => <ValueCell alarm={row.original.alarm} /> },
    {
      id: 'actions',
      header: () => <span className="sr-only">{t('actions')}</span>,
      cell: ({ row }) => <AlarmRowActions alarm={row.original.alarm} assetName={row.original.subject.name} />,
    },
  ];
}

/**
 * The alarm list (TanStack Table for the rows and groups, TanStack Virtual so only what is on screen
 * is drawn). Rows come sorted and filtered (alarmRows); a communications alarm's row opens to the
 * alarms it suppresses. Clicking a row selects it and hands it to `onSelect` (which flies the map).
 */
export function AlarmList({
  rows,
  variant,
  selectedId,
  onSelect,
  emptyText,
}: {
  rows: AlarmRow[];
  variant: ListVariant;
  selectedId: string | null;
  onSelect: (row: AlarmRow) => void;
  emptyText: string;
}) {
  const t = useTranslations('alarms.list');
  const columns = useMemo(() => columnsFor(variant, t), [variant, t]);
  const [expanded, setExpanded] = useState<ExpandedState>({});
  const table = useReactTable({
    data: rows,
    columns,
    state: { expanded },
    onExpandedChange: setExpanded,
    getRowId: (row) => row.alarm.id,
    getSubRows: (row) => row.suppressed,
    getCoreRowModel: getCoreRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
  });
  const visible = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT[variant],
    overscan: 8,
    getItemKey: (index) => visible[index]?.id ?? index,
  });

  return (
    <div className={`alarm-list alarm-list-${variant}`} ref={scroller} data-testid="alarm-list-body">
      <table className="alarm-table" aria-label={t('label')} aria-rowcount={visible.length + 1}>
        <thead className="alarm-list-head">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="alarm-row alarm-row-head" aria-rowindex={1}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className={`alarm-cell cell-${header.column.id}`}>
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = visible[item.index];
            if (!row) return null;
            return (
              <AlarmListRow
                key={row.id}
                row={row}
                index={item.index}
                top={item.start}
                height={item.size}
                selected={row.id === selectedId}
                onSelect={onSelect}
              />
            );
          })}
        </tbody>
      </table>
      {visible.length === 0 && <p className="alarm-empty">{emptyText}</p>}
    </div>
  );
}

function AlarmListRow({
  row,
  index,
  top,
  height,
  selected,
  onSelect,
}: {
  row: Row<AlarmRow>;
  index: number;
  top: number;
  height: number;
  selected: boolean;
  onSelect: (row: AlarmRow) => void;
}) {
  const { alarm } = row.original;
  const select = () => onSelect(row.original);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select();
    }
  };
  const own = (id: string) => id === 'actions' || id === 'group';
  return (
    <tr
      aria-rowindex={index + 2}
      aria-current={selected ? 'true' : undefined}
      tabIndex={0}
      className="alarm-row alarm-row-body"
      data-alarm-id={alarm.id}
      data-state={alarm.state}
      data-priority={alarm.priority}
      data-depth={row.depth}
      data-unacknowledged={!alarm.acknowledged}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={select}
      onKeyDown={onKeyDown}
    >
      {row.getVisibleCells().map((cell) => (
        <td
          key={cell.id}
          className={`alarm-cell cell-${cell.column.id}`}
          onClick={own(cell.column.id) ? stop : undefined}
          onKeyDown={own(cell.column.id) ? stop : undefined}
        >
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </td>
      ))}
    </tr>
  );
}

/** Controls inside a row act on their own; the row's own click (select, fly) is not theirs. */
const stop = (event: { stopPropagation(): void }) => event.stopPropagation();
