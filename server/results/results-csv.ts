/**
 * The results CSV export: one row per result, written as the store reads them in batches, so a bot with a hundred
 * thousand results is never held in memory. RFC 4180 (CRLF line ends; a field with a comma, quote or line break is
 * quoted, its quotes doubled), and cells a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a leading `'`.
 */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { ResultValue } from '../../rest/index.ts';
import type { StoredResult } from '../store/result-types.ts';

/** The columns every export starts with, before one per collected variable. */
export const FIXED_CSV_COLUMNS = ['id', 'startedAt', 'updatedAt', 'completed', 'lastNodeId'] as const;

/**
 * Writes the CSV to `out`: the header row, then a row per result in the order `results` yields them, at the pace `out`
 * takes them (backpressure reaches the store's batches). Rejects, and ends the results' iteration, if `out` closes.
 */
export function writeResultsCsv(
  results: AsyncIterable<StoredResult>,
  collected: string[],
  out: Writable,
): Promise<void> {
  const writer = stringify({
    record_delimiter: '\r\n',
    // csv-stringify's OWASP list: = + - @ tab CR and their full-width forms; a number's minus sign stays.
    escape_formulas: true,
    cast: { boolean: (value) => String(value) },
  });
  return pipeline(Readable.from(rows(results, collected)), writer, out);
}

/** Rows written between two turns of the event loop. */
const YIELD_EVERY = 50;

async function* rows(results: AsyncIterable<StoredResult>, collected: string[]): AsyncGenerator<unknown[]> {
  yield [...FIXED_CSV_COLUMNS, ...collected];
  let sinceBreak = 0;
  for await (const r of results) {
    // The embedded store answers through promises alone, and a socket that takes every write drains at once too, so
    // without a break an export would hold the event loop until its last row: every other request would wait.
    if (++sinceBreak === YIELD_EVERY) {
      sinceBreak = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    yield [
      r.id,
      r.startedAt.toISOString(),
      r.updatedAt.toISOString(),
      r.completed,
      r.lastNodeId ?? '',
      ...collected.map((name) => cell(r.variables[name])),
    ];
  }
}

// Missing and null are empty cells; numbers stay numbers (so -3 is not taken for a formula), booleans are words.
function cell(value: ResultValue | undefined): string | number | boolean {
  return value === undefined || value === null ? '' : value;
}

/** `<bot-name>-results-<yyyy-mm-dd>.csv`, the name reduced to letters, digits and dashes so any system can save it. */
export function csvFileName(botName: string, now: Date): string {
  const slug = botName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'bot'}-results-${now.toISOString().slice(0, 10)}.csv`;
}
