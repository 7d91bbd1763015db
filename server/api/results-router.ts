import { Router, type Response } from 'express';
import type { Actor } from '../auth/actor.ts';
import { actorOf, requireRole } from '../auth/authenticate.ts';
import type { BotService } from '../bots/bot-service.ts';
import { apiError } from '../http/http-error.ts';
import { pathParam } from '../http/params.ts';
import { describeRoute } from '../openapi/describe-route.ts';
import {
  AnalyticsQuery,
  EraseQuery,
  ResultsQuery,
  analyticsFilter,
  erasedVisitor,
  resultsRequest,
} from '../results/result-query.ts';
import { AnalyticsSchema, ErasedSchema, ResultPageSchema } from '../results/result-schemas.ts';
import { collectedVariables, resultView, splitNodes } from '../results/result-view.ts';
import { csvFileName, writeResultsCsv } from '../results/results-csv.ts';
import type { Bot } from '../store/bot-types.ts';
import { BadResultCursor, type ResultFilter, type ResultsStore } from '../store/result-types.ts';

// What visitors told a bot is the owner's and the editors' to read; only an owner erases it; managers, who answer
// handoffs, see neither.
const READERS = ['owner', 'editor'] as const;
const canRead = requireRole(...READERS);
const canDelete = requireRole('owner');
/** Results the CSV export reads from the store at a time. */
const CSV_BATCH = 250;

describeRoute({
  method: 'get',
  path: '/bots/:id/results',
  summary: "The bot's results (one per conversation), newest first",
  roles: [...READERS],
  description:
    'Keyset paging: pass `next` back as `cursor`. With `format=csv` (or `Accept: text/csv`) the answer is instead a ' +
    '`text/csv` attachment of every result the filters take, streamed: `id,startedAt,updatedAt,completed,lastNodeId` ' +
    "and a column per collected variable; cells that a spreadsheet would run as a formula start with `'`.",
  query: ResultsQuery,
  responses: {
    200: { description: 'A page of results, and the columns (collected variables)', schema: ResultPageSchema },
    400: 'A query parameter is invalid (`request.invalid`; `details` names it)',
  },
});
describeRoute({
  method: 'get',
  path: '/bots/:id/analytics',
  summary: 'Starts, completions and drop-off per node, and starts per A/B branch',
  roles: [...READERS],
  query: AnalyticsQuery,
  responses: {
    200: { description: 'Counts over the results the filters take', schema: AnalyticsSchema },
    400: 'A query parameter is invalid (`request.invalid`; `details` names it)',
    404: 'No such bot (`bot.not_found`), or no such version (`version.not_found`)',
  },
});
describeRoute({
  method: 'delete',
  path: '/bots/:id/results/:resultId',
  summary: 'Delete one result',
  roles: ['owner'],
  responses: { 204: 'Deleted', 404: 'No such bot, or no such result (`results.not_found`)' },
});
describeRoute({
  method: 'delete',
  path: '/bots/:id/results',
  summary: "Erase one visitor's results",
  roles: ['owner'],
  query: EraseQuery,
  responses: {
    200: { description: 'How many were deleted (0 when the visitor had none)', schema: ErasedSchema },
    400: '`visitorId` is missing or empty (`request.invalid`)',
  },
});

/** `/api/v1/bots/:id/results` and `/analytics`: what opted-in bots collected, as a table, a CSV file and counts. */
export function resultsRouter(bots: BotService, results: ResultsStore): Router {
  const router = Router();

  router.get('/:id/results', canRead, async (req, res) => {
    const actor = actorOf(req);
    const bot = await bots.get(actor, pathParam(req, 'id'));
    const query = resultsRequest(req);
    const columns = collectedVariables(await liveScenario(bots, actor, bot));
    if (query.csv) return sendCsv(res, bot, results, query.filter, columns);
    const page = await results
      .listResults(bot.id, query.filter, { limit: query.limit, cursor: query.cursor })
      .catch((err: unknown) => {
        if (!(err instanceof BadResultCursor)) throw err;
        const message = 'cursor is not one this server gave; start again from the first page';
        throw apiError('request.invalid', { message, details: [{ path: 'cursor', message, code: 'custom' }] });
      });
    res.json({ results: page.results.map(resultView), next: page.next, columns });
  });

  router.get('/:id/analytics', canRead, async (req, res) => {
    const actor = actorOf(req);
    const bot = await bots.get(actor, pathParam(req, 'id'));
    const filter = analyticsFilter(req);
    // The splits of the version asked about; else of the live version, whose branches the canvas shows.
    const scenario =
      filter.version === undefined
        ? await liveScenario(bots, actor, bot)
        : (await bots.version(actor, bot.id, filter.version)).scenario;
    res.json(await results.resultAnalytics(bot.id, filter, splitNodes(scenario)));
  });

  router.delete('/:id/results/:resultId', canDelete, async (req, res) => {
    const bot = await bots.get(actorOf(req), pathParam(req, 'id'));
    const resultId = pathParam(req, 'resultId');
    if (!(await results.deleteResult(bot.id, resultId))) {
      throw apiError('results.not_found', { message: `This bot has no result with id ${JSON.stringify(resultId)}` });
    }
    res.status(204).end();
  });

  router.delete('/:id/results', canDelete, async (req, res) => {
    const bot = await bots.get(actorOf(req), pathParam(req, 'id'));
    res.json({ deleted: await results.deleteVisitorResults(bot.id, erasedVisitor(req)) });
  });

  return router;
}

/** The scenario whose `collect` names the columns: the published version's, or the draft's before a first publish. */
async function liveScenario(bots: BotService, actor: Actor, bot: Bot): Promise<unknown> {
  if (!bot.published) return bot.draft.scenario;
  return (await bots.version(actor, bot.id, bot.published.version)).scenario;
}

async function sendCsv(
  res: Response,
  bot: Bot,
  results: ResultsStore,
  filter: ResultFilter,
  columns: string[],
): Promise<void> {
  // The name is reduced to [a-z0-9-], so it needs no escaping inside the quotes.
  res
    .setHeader('Content-Disposition', `attachment; filename="${csvFileName(bot.name, new Date())}"`)
    .type('text/csv; charset=utf-8');
  try {
    // Small batches: the first rows go out after one short query, and the server holds only a batch at a time.
    await writeResultsCsv(results.streamResults(bot.id, filter, CSV_BATCH), columns, res);
  } catch (err) {
    // The client went away mid-download: nothing to answer, and nothing wrong with the server.
    if (res.destroyed && (err as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    throw err;
  }
}
