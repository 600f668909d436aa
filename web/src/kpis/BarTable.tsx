'use client';
import { useFormatter } from 'next-intl';
import type { AlarmLabel } from './alarm-label';

export interface BarRow {
  key: string;
  label: AlarmLabel;
  value: number;
}

/**
 * A horizontal bar chart that is a table: each row reads as text (rank, alarm, asset, number) and
 * the bar beside the number shows it at a glance, so nothing depends on seeing the bar.
 */
export function BarTable({
  caption,
  rows,
  headers,
  testId,
}: {
  caption: string;
  rows: BarRow[];
  headers: { rank?: string; alarm: string; where: string; count: string };
  testId: string;
}) {
  const format = useFormatter();
  const max = Math.max(1, ...rows.map((row) => row.value));
  return (
    <div className="table-scroll">
      <table className="data-table kpis-bars" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {headers.rank && <th scope="col">{headers.rank}</th>}
            <th scope="col">{headers.alarm}</th>
            <th scope="col">{headers.where}</th>
            <th scope="col" className="kpis-bar-col">
              {headers.count}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.key}>
              {headers.rank && <td className="kpis-num">{i + 1}</td>}
              <th scope="row">{row.label.rule}</th>
              <td>{row.label.where}</td>
              <td className="kpis-bar-col">
                <span className="kpis-hbar-cell">
                  <span className="kpis-num kpis-hbar-value">{format.number(row.value)}</span>
                  <span className="kpis-hbar-track" aria-hidden="true">
                    <span className="kpis-hbar" style={{ width: `${(row.value / max) * 100}%` }} />
                  </span>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
