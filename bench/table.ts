/** Formats the bench figures as Markdown, ready to paste into BENCHMARKS.md. */
import type { ProcessFigures } from './measure';

export interface Row {
  measure: string;
  value: string;
  baseline: string;
  /** Layer Lens over the baseline or limit; omitted where no ratio applies. */
  ratio?: number;
  target: string;
  /** Whether the target is met; omitted for reference figures. */
  met?: boolean;
}

export function formatReport(rows: Row[], processes: Array<{ name: string; figures: ProcessFigures }>, context: { machine: string; runs: number }): string {
  const lines = [
    `Machine: ${context.machine}. Process figures are the run with the median wall time of ${context.runs}.`,
    '',
    '| Measure | Layer Lens | Baseline | Ratio | Target | Met |',
    '|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.measure} | ${row.value} | ${row.baseline} | ${row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`} | ${row.target} | ${metText(row.met)} |`),
  ];
  if (processes.length > 0) {
    lines.push('', '| Process | Wall | CPU | Peak RSS |', '|---|---|---|---|');
    for (const { name, figures } of processes) {
      lines.push(`| ${name} | ${(figures.wallMs / 1000).toFixed(2)} s | ${(figures.cpuMs / 1000).toFixed(2)} s | ${(figures.peakRss / 1024 ** 2).toFixed(0)} MiB |`);
    }
  }
  return lines.join('\n') + '\n';
}

function metText(met: boolean | undefined): string {
  if (met === undefined) return '';
  return met ? 'yes' : 'no';
}
