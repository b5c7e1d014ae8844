/**
 * One benchmark number and how the table shows it. A number may carry a budget (an upper bound
 * for times and sizes, a lower bound for throughputs); without one it is reported for tracking
 * only. A measurement that could not be taken is a row with status "error", never a crash.
 */

export interface Budget {
  /** `max`: the value must not exceed `limit`; `min`: it must not fall below it. */
  readonly kind: 'max' | 'min';
  readonly limit: number;
}

export type Status = 'ok' | 'OVER' | '—' | 'error';

export interface Metric {
  /** Stable key for JSON consumers, e.g. `engine.sir.daysPerSecond`. */
  readonly id: string;
  readonly name: string;
  /** null when the measurement failed (see `error`). */
  readonly value: number | null;
  readonly unit: string;
  readonly budget?: Budget;
  readonly error?: string;
  /** Anything else worth keeping in latest.json (repetitions, per-file sizes, …). */
  readonly detail?: unknown;
}

export function statusOf(m: Metric): Status {
  if (m.value === null) return 'error';
  if (!m.budget) return '—';
  const within = m.budget.kind === 'max' ? m.value <= m.budget.limit : m.value >= m.budget.limit;
  return within ? 'ok' : 'OVER';
}

/** Three significant digits, thousands grouped: 1 234 000, 56.7, 0.00123. */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1000) return Math.round(x).toLocaleString('en-US');
  if (abs === 0) return '0';
  return Number(x.toPrecision(3)).toString();
}

export function formatBudget(b: Budget | undefined, unit: string): string {
  if (!b) return '—';
  return `${b.kind === 'max' ? '≤' : '≥'} ${formatValue(b.limit)} ${unit}`.trim();
}

/** A plain-text table; the widths follow the content, numbers are right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const cell = (s: string, c: number) => (rightAligned.includes(c) ? s.padStart(widths[c] ?? 0) : s.padEnd(widths[c] ?? 0));
  const line = (cells: readonly string[]) => `| ${cells.map((s, c) => cell(s, c)).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (rightAligned.includes(c) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

export function metricsTable(metrics: readonly Metric[]): string {
  const rows = metrics.map((m) => [
    m.name,
    m.value === null ? 'n/a' : formatValue(m.value),
    m.unit,
    formatBudget(m.budget, m.unit),
    statusOf(m),
  ]);
  return table(['name', 'value', 'unit', 'budget', 'status'], rows, [1]);
}

export function errorMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // Playwright errors carry a long call log; the first line says what went wrong.
  return text.split('\n')[0] ?? text;
}
