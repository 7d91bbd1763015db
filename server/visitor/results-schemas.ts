/**
 * The shape of a result report (`ResultReport`, rest/results.ts) as the server checks it: the runtime is not trusted,
 * so every limit of `RESULT_LIMITS` is enforced here, and a report that breaks one is refused whole with a 400
 * `results.bad_report` whose message names the field.
 */
import { z } from 'zod';
import { idOfStateKey } from '../../compiler/index.ts';
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

const fields = {
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
};

/** A report as bundles built before the tuple form send it: an object with the field names. */
const ResultObjectBody = z.strictObject(fields) satisfies z.ZodType<ResultReport>;

/**
 * A report as the runtime sends it (`ResultTuple`): read into a `ResultReport`, its path's state keys turned into node
 * ids, leaving out the states the compiler made inside a node (keys with `/`). An escaped id is up to three times
 * its length as a key.
 */
export const ResultTupleBody = z
  .tuple([
    fields.id,
    fields.seq,
    fields.scenario,
    fields.startedAt,
    z
      .array(z.string().min(1).max(600, 'a node key must be at most 600 characters'))
      .max(RESULT_LIMITS.pathNodes, `path must have at most ${RESULT_LIMITS.pathNodes} node keys`),
    fields.variables,
    fields.completed,
    fields.handoff,
  ])
  .transform(([id, seq, scenario, startedAt, keys, variables, completed, handoff]): ResultReport => ({
    id,
    seq,
    scenario,
    startedAt,
    path: keys.filter((k) => !k.includes('/')).map(idOfStateKey),
    completed,
    handoff,
    variables,
  }))
  .pipe(ResultObjectBody);

/** A report as it may arrive (the `text/plain` body, parsed as JSON): the tuple the runtime sends, or the older object. */
export const ResultReportBody = z.union([ResultTupleBody, ResultObjectBody]) satisfies z.ZodType<ResultReport>;

/** Parses a report body, or throws 400 `results.bad_report` saying which field is wrong (all of them in `details`). */
export function parseReport(text: string): ResultReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw apiError('request.malformed_json', { message: 'The report is not valid JSON' });
  }
  // Each form on its own, so that a refusal names the field and not the union.
  const result = (Array.isArray(json) ? ResultTupleBody : ResultObjectBody).safeParse(json);
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
