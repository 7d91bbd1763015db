/** What one benchmark hands back to bench/run.ts. */
export interface BenchResult {
  /** File name under bench/results/, and the key of its section in docs/performance.md. */
  name: string;
  title: string;
  /** Rows as measured, for tools; the markdown is for people. */
  rows: Record<string, unknown>[];
  /** Figures derived from the rows (a fitted line, say), when there are any. */
  summary?: Record<string, unknown>;
  /** A markdown table plus any notes, placed in docs/performance.md. */
  markdown: string;
  /** Targets that were missed, one sentence each; empty when all are met. */
  missed: string[];
}
