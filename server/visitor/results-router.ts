import express, { Router, type RequestHandler } from 'express';
import { RESULT_LIMITS } from '../../rest/index.ts';
import { apiError } from '../http/http-error.ts';
import { noLimit, rateLimit } from '../http/rate-limit.ts';
import { visitorCors } from '../http/visitor-cors.ts';
import { describeRoute } from '../openapi/describe-route.ts';
import type { ResultsStore } from '../store/types.ts';
import type { Clock } from '../timers/clock.ts';
import type { BotSettingsSource } from './bot-settings.ts';
import type { ResultsSettingsSource } from './results-settings.ts';
import { parseReport, ResultReportBody, strippedReport } from './results-schemas.ts';
import { visitorAuth, visitorOf } from './visitor-auth.ts';
import type { VisitorTokens } from './visitor-token.ts';

describeRoute({
  method: 'post',
  path: '/visitor/results',
  summary: 'Report a conversation’s result (text/plain JSON body; `?token=`)',
  description:
    'Sent by bots whose published version has `settings.results`, on completion, handoff and page close. Idempotent ' +
    'by `id`: the report with the highest `seq` is kept. Only the declared variables are stored.',
  auth: 'visitor',
  tags: ['visitor'],
  body: { schema: ResultReportBody, contentType: 'text/plain' },
  // id, seq, scenario, startedAt, path (state keys), variables, completed, handoff (rest/results.ts, ResultTuple)
  example: [
    'r4f9c2a1b7e8d3c6a5b4e2f1',
    2,
    '055bea5727c61937',
    1795446436269,
    ['welcome', 'ask_email', 'thanks'],
    { email: 'ann@example.com' },
    true,
    false,
  ],
  responses: { 204: 'Stored (or an older report of a result already stored: unchanged)' },
});
describeRoute({
  method: 'delete',
  path: '/visitor/results',
  summary: 'Erase this visitor’s results of this bot',
  auth: 'visitor',
  tags: ['visitor'],
  responses: { 204: 'Erased (also when there were none)' },
});

/** What the results routes use: tokens, the bot's origins and results settings, the store and the clock. */
export interface ResultsRouteDeps {
  tokens: () => VisitorTokens;
  /** The bot's allowed origins, as the other visitor routes check them. */
  settings: BotSettingsSource;
  results: ResultsSettingsSource;
  store: Pick<ResultsStore, 'putResult' | 'deleteVisitorResults'>;
  /** The time a report is stored at (`updatedAt`, which retention counts from). */
  clock: Clock;
  rateLimits: boolean;
}

/**
 * `POST` and `DELETE /results` of the visitor endpoints (docs/visitor-protocol.md, Results). Mounted before the
 * visitor router's JSON parser: a report is a `text/plain` body (a CORS "simple" request, so a page can send it as
 * it closes without a preflight), read as text up to 16 KiB and parsed here.
 */
export function resultsRouter(deps: ResultsRouteDeps): Router {
  const router = Router();
  const auth = visitorAuth(deps.tokens);
  const cors = visitorCors(async (req) => (await deps.settings(visitorOf(req).botId))?.allowedOrigins ?? [], {
    emptyAllowsAny: true,
  });
  // Per visitor: a conversation reports on completion, handoff and each time its page is hidden. 30 at once, then
  // one every two seconds, is far above that and keeps one token from filling the table.
  const limit: RequestHandler = deps.rateLimits
    ? rateLimit({
        group: 'visitor-results',
        capacity: 30,
        refillPerSecond: 0.5,
        key: (req) => `${visitorOf(req).botId}/${visitorOf(req).visitorId}`,
        now: () => deps.clock.now(),
      })
    : noLimit();
  const text = express.text({ type: () => true, limit: RESULT_LIMITS.bodyBytes, defaultCharset: 'utf-8' });

  // The body is read first, as the visitor router's JSON parser does for the other routes: a body over the limit is
  // a 413 whoever sends it, and reading 16 KiB costs no more than refusing.
  router.post('/results', text, auth, cors, limit, async (req, res) => {
    const { botId, visitorId } = visitorOf(req);
    const bot = await deps.results(botId);
    if (!bot) throw apiError('results.not_enabled');
    const report = strippedReport(parseReport(typeof req.body === 'string' ? req.body : ''), bot.collect);
    await deps.store.putResult(
      {
        id: report.id,
        orgId: bot.orgId,
        botId,
        visitorId,
        seq: report.seq,
        scenario: report.scenario,
        version: await bot.versionOf(report.scenario),
        startedAt: new Date(report.startedAt),
        completed: report.completed,
        handoff: report.handoff,
        path: report.path,
        variables: report.variables,
      },
      new Date(deps.clock.now()),
    );
    res.status(204).end();
  });

  router.delete('/results', auth, cors, limit, async (req, res) => {
    const { botId, visitorId } = visitorOf(req);
    await deps.store.deleteVisitorResults(botId, visitorId);
    res.status(204).end();
  });

  return router;
}
