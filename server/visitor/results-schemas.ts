/**
 * The shape of a result report (`ResultReport`, rest/results.ts) as the server checks it: the runtime is not trusted,
 * so every limit of `RESULT_LIMITS` is enforced here, and a report that breaks one is refused whole with a 400
 * `results.bad_report` whose message names the field.
 */
import { z } from 'zod';
import { RESULT_LIMITS, type ResultReport } from '../../rest/index.ts';
import { apiError } from '../http/http-error.ts';
import { zodDetails } from '../http/validate.ts';

const YEAR = 365 * 24 * 3600 * 1000;

const Value = z.union([
  z.string().max(RESULT_LIMITS.valueChars, `a value must be at most ${RESULT_LIMITS.valueChars} characters`),
  z.number().refine(Number.isFinite, 'a number must be finite'),
  z.boolean(),
  z.null(),
]);

/** A report as it must arrive (the `text/plain` body, parsed as JSON). */
export const ResultReportBody = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{16,40}$/, 'id must be 16–40 characters of A–Z, a–z, 0–9, _ and -'),
  seq: z
    .number()
    .int('seq must be a whole number')
    .min(0)
    .max(2 ** 31 - 1),
  scenario: z.string().regex(/^[0-9a-f]{1,64}$/, 'scenario must be the bundle’s scenario hash'),
  startedAt: z
    .number()
    .int('startedAt must be ms since the epoch')
    .refine((v) => Math.abs(v - Date.now()) < 10 * YEAR, 'startedAt must be ms since the epoch, within ten years'),
  path: z
    .array(z.string().min(1).max(200, 'a node id must be at most 200 characters'))
    .max(RESULT_LIMITS.pathNodes, `path must have at most ${RESULT_LIMITS.pathNodes} node ids`),
  completed: z.boolean(),
  handoff: z.boolean(),
  variables: z.record(z.string().max(200), Value),
}) satisfies z.ZodType<ResultReport>;

/** Parses a report body, or throws 400 `results.bad_report` saying which field is wrong (all of them in `details`). */
export function parseReport(text: string): ResultReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw apiError('request.malformed_json', { message: 'The report is not valid JSON' });
  }
  const result = ResultReportBody.safeParse(json);
  if (!result.success) {
    const details = zodDetails(result.error);
    const first = details[0];
    throw apiError('results.bad_report', {
      message: `The report is invalid: ${first.path || 'body'}: ${first.message}`,
      details,
    });
  }
  return result.data;
}

/**
 * What is stored of a report: only the variables the bot declares (anything else is dropped, never stored), and the
 * path with each node once, where it was last reached, so its last element is the last node.
 */
export function strippedReport(report: ResultReport, collect: readonly string[]): ResultReport {
  const declared = new Set(collect);
  const variables = Object.fromEntries(Object.entries(report.variables).filter(([name]) => declared.has(name)));
  const path = report.path.filter((id, i) => report.path.lastIndexOf(id) === i);
  return { ...report, variables, path };
}
