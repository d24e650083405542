// A bar chart drawn by Chart.js on a canvas, with the same figures as a table for screen readers
// and keyboard users. Only the pieces a bar chart needs are registered (tree-shaken), and this
// file is imported by the statistics page only, so Chart.js lives in that page's lazy chunk.
// Chart.js 4 sets canvas sizes through the CSSOM (element.style), which the CSP's
// style-src 'self' allows; it injects no <style> and no style attribute.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useId, useRef } from 'react';
import { TableScroll } from './form';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export type Series = { label: string; values: (number | null)[]; color: string };

type BarChartProps = {
  title: string;
  // What the chart shows, in words (the canvas's accessible name).
  summary: string;
  labels: string[];
  // The table's first column header (what a label is: a day, a workflow).
  labelHeader: string;
  series: Series[];
  stacked?: boolean;
  unit?: string;
};

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export function BarChart({ title, summary, labels, labelHeader, series, stacked, unit }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const headingId = useId();

  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color, borderColor: s.color })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked },
          y: { stacked, beginAtZero: true, title: unit ? { display: true, text: unit } : undefined },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    return () => chart.destroy();
  }, [labels, series, stacked, unit]);

  return (
    <figure aria-labelledby={headingId} className="chart">
      <h3 id={headingId}>{title}</h3>
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={`${title}: ${summary}`} />
      </div>
      <details>
        <summary>{title}: the figures as a table</summary>
        <TableScroll label={`${title} (table)`}>
          <table>
            <thead>
              <tr>
                <th scope="col">{labelHeader}</th>
                {series.map((s) => (
                  <th key={s.label} scope="col">
                    {s.label}
                    {unit ? ` (${unit})` : ''}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td key={s.label}>{s.values[i] === null || s.values[i] === undefined ? '—' : number.format(s.values[i])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </figure>
  );
}
