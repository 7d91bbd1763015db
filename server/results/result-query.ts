/**
 * The query strings of the owner's results routes: their zod shapes (which the OpenAPI document shows, as strings,
 * since that is what a query holds) and their parsing into a `ResultFilter`. A bad parameter is a 400
 * `request.invalid` whose `details` name it, never a silently ignored filter.
 */
import type { Request } from 'express';
import { z } from 'zod';
import { apiError } from '../http/http-error.ts';
import { zodDetails, type IssueDetail } from '../http/validate.ts';
import type { ResultFilter } from '../store/result-types.ts';

/** Page sizes of `GET /bots/:id/results`. */
export const RESULT_PAGE = { default: 50, max: 200 } as const;

// A date (2026-12-01, taken as midnight UTC) or a date and time with an offset or Z (2026-12-01T09:30:00Z).
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DATE_HELP = 'An ISO 8601 date (2026-12-01) or date and time with a zone (2026-12-01T09:30:00Z)';

const isoDate = (what: string) =>
  z
    .string()
    .regex(ISO_DATE, `${what} must be ${DATE_HELP.replace(/^An/, 'an')}`)
    .optional();

const range = {
  since: isoDate('since').describe(`Conversations started at or after this. ${DATE_HELP}`),
  until: isoDate('until').describe(`Conversations started before this. ${DATE_HELP}`),
};

/** `GET /bots/:id/results`: paging, filters, and the CSV format. */
export const ResultsQuery = z.object({
  limit: z
    .string()
    .regex(/^\d{1,4}$/, `limit must be a whole number from 1 to ${RESULT_PAGE.max}`)
    .optional()
    .describe(`Results per page, 1 to ${RESULT_PAGE.max} (default ${RESULT_PAGE.default}); ignored for CSV`),
  cursor: z
    .string()
    .min(1, 'cursor must not be empty')
    .max(500, 'cursor is too long')
    .optional()
    .describe('The `next` of the page before; ignored for CSV'),
  ...range,
  completed: z
    .enum(['true', 'false'], 'completed must be true or false')
    .optional()
    .describe('Only completed (true) or only abandoned (false) conversations'),
  visitorId: z
    .string()
    .min(1, 'visitorId must not be empty')
    .max(200, 'visitorId is too long')
    .optional()
    .describe("One visitor's results"),
  format: z
    .enum(['json', 'csv'], 'format must be json or csv')
    .optional()
    .describe('`csv` answers a CSV file (as does `Accept: text/csv`)'),
});

/** `GET /bots/:id/analytics`. */
export const AnalyticsQuery = z.object({
  ...range,
  version: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, 'version must be a version number (1, 2, …)')
    .optional()
    .describe('Only conversations that ran this published version'),
});

/** `DELETE /bots/:id/results`: whose results to erase. */
export const EraseQuery = z.object({
  visitorId: z
    .string('visitorId is required: the visitor whose results to erase')
    .min(1, 'visitorId must not be empty')
    .max(200, 'visitorId is too long')
    .describe('The visitor whose results are erased'),
});

/** What a results listing or export asks for. */
export interface ResultsRequest {
  filter: ResultFilter;
  limit: number;
  cursor?: string;
  csv: boolean;
}

/** Parses `GET /bots/:id/results`'s query; CSV when `format=csv`, or when the client asks only for text/csv. */
export function resultsRequest(req: Request): ResultsRequest {
  const q = parseQuery(req, ResultsQuery);
  const problems: IssueDetail[] = [];
  const limit = q.limit === undefined ? RESULT_PAGE.default : Number(q.limit);
  if (limit < 1 || limit > RESULT_PAGE.max) {
    problems.push(issue('limit', `limit must be a whole number from 1 to ${RESULT_PAGE.max}`));
  }
  const filter: ResultFilter = { ...dateRange(q, problems) };
  if (q.completed !== undefined) filter.completed = q.completed === 'true';
  if (q.visitorId !== undefined) filter.visitorId = q.visitorId;
  fail(problems);
  const csv =
    q.format === 'csv' || (q.format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
  return { filter, limit, cursor: q.cursor, csv };
}

/** Parses `GET /bots/:id/analytics`'s query. */
export function analyticsFilter(req: Request): ResultFilter {
  const q = parseQuery(req, AnalyticsQuery);
  const problems: IssueDetail[] = [];
  const filter: ResultFilter = { ...dateRange(q, problems) };
  if (q.version !== undefined) filter.version = Number(q.version);
  fail(problems);
  return filter;
}

/** The visitor `DELETE /bots/:id/results` erases. */
export function erasedVisitor(req: Request): string {
  return parseQuery(req, EraseQuery).visitorId;
}

function parseQuery<S extends z.ZodObject>(req: Request, schema: S): z.infer<S> {
  const result = schema.safeParse(req.query);
  if (!result.success) {
    const details = zodDetails(result.error);
    throw apiError('request.invalid', { message: details.map((d) => d.message).join('; '), details });
  }
  return result.data;
}

function dateRange(
  q: { since?: string; until?: string },
  problems: IssueDetail[],
): Pick<ResultFilter, 'since' | 'until'> {
  const since = q.since === undefined ? undefined : date('since', q.since, problems);
  const until = q.until === undefined ? undefined : date('until', q.until, problems);
  if (since && until && since.getTime() >= until.getTime()) problems.push(issue('until', 'until must be after since'));
  return { ...(since && { since }), ...(until && { until }) };
}

// The pattern lets 2026-02-31 through; the calendar does not.
function date(name: string, value: string, problems: IssueDetail[]): Date | undefined {
  const parsed = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  const sameDay = value.slice(0, 10) === (Number.isNaN(parsed.getTime()) ? '' : dayOf(value, parsed));
  if (Number.isNaN(parsed.getTime()) || !sameDay) {
    problems.push(issue(name, `${name} is not a date on the calendar: ${value}`));
    return undefined;
  }
  return parsed;
}

// The calendar day the text names, read back in the text's own offset, so 2026-02-31 (rolled to March) is caught.
function dayOf(value: string, parsed: Date): string {
  const zone = /([+-])(\d{2}):(\d{2})$/.exec(value);
  const offsetMs = zone ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) * 60_000 : 0;
  return new Date(parsed.getTime() + offsetMs).toISOString().slice(0, 10);
}

function issue(path: string, message: string): IssueDetail {
  return { path, message, code: 'custom' };
}

function fail(problems: IssueDetail[]): void {
  if (problems.length) {
    throw apiError('request.invalid', { message: problems.map((p) => p.message).join('; '), details: problems });
  }
}
