import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULT_LIMITS } from '../../rest/index.ts';
import { scenario, startTestServer, type TestServer } from '../test/test-server.ts';
import { hashOf, postReport, report, resultsScenario } from './results-testing.ts';
import { visitorId } from './testing.ts';
import { simClock } from '../timers/test/sim-clock.ts';
import { TOKEN_SECRET_NAME, VisitorTokens } from './visitor-token.ts';

const LANDING = 'https://landing.example';

describe('POST and DELETE /api/v1/visitor/results', () => {
  let t: TestServer;
  const clock = simClock();
  let leads: string;
  let plain: string;
  const v1 = resultsScenario(['email', 'page.utm.source'], 'Your email, please?');
  const v2 = resultsScenario(['email', 'page.utm.source'], 'Where can we write to you?');

  const publish = async (botId: string, doc: Record<string, unknown>) => {
    const res = await t.api(`/bots/${botId}/scenario`, { method: 'PUT', body: doc });
    expect(res.status, await res.text()).toBe(200);
    expect((await t.api(`/bots/${botId}/publish`, { method: 'POST' })).status).toBe(201);
  };
  const newBot = async (doc: Record<string, unknown>) => {
    const bot = await (await t.api('/bots', { method: 'POST', body: { name: 'Leads', scenario: doc } })).json();
    expect((await t.api(`/bots/${bot.id}/publish`, { method: 'POST' })).status).toBe(201);
    const settings = { allowedOrigins: [LANDING] };
    expect((await t.api(`/bots/${bot.id}/settings`, { method: 'PATCH', body: settings })).status).toBe(200);
    return bot.id as string;
  };
  const session = async (botId: string, vid = visitorId()) => {
    const res = await fetch(`${t.url}/api/v1/visitor/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ botId, visitorId: vid }),
    });
    return { vid, token: (await res.json()).token as string };
  };
  const stored = (botId: string, id: string) => t.server.running.store.getResult(botId, id);
  const errorOf = async (res: Response) => ({ status: res.status, ...(await res.json()).error });

  beforeAll(async () => {
    // Rate limits on, as in production: one test is the per-visitor limit.
    // The simulated clock stands still, so the limit test counts its burst however slow the machine is.
    t = await startTestServer({ rateLimits: undefined, clock });
    leads = await newBot(v1);
    plain = await newBot(scenario('No results'));
  });

  afterAll(async () => {
    await t?.stop();
  });

  it('stores a report with only the declared variables, its version, path and last node', async () => {
    const s = await session(leads);
    const r = report({
      scenario: hashOf(v1),
      path: ['ask_email', 'ask_name', 'done'],
      completed: true,
      variables: { email: 'ann@example.com', 'page.utm.source': 'newsletter', name: 'Ann', password: 'hunter2' },
    });
    const res = await postReport(t.url, s.token, r);
    expect(res.status).toBe(204);
    const row = await stored(leads, r.id);
    expect(row).toMatchObject({
      visitorId: s.vid,
      version: 1,
      completed: true,
      lastNodeId: 'done',
      path: ['ask_email', 'ask_name', 'done'],
      variables: { email: 'ann@example.com', 'page.utm.source': 'newsletter' },
    });
    expect(Object.keys(row!.variables)).not.toContain('name');
    expect(row!.startedAt.getTime()).toBe(r.startedAt);
  });

  it('keeps one result per id: a report sent again or an older one changes nothing, a newer one wins', async () => {
    const s = await session(leads);
    const r = report({ scenario: hashOf(v1), seq: 3, path: ['ask_email', 'ask_name'], variables: { email: 'b@x.io' } });
    for (const body of [r, r, { ...r, seq: 1, path: ['ask_email'], variables: { email: 'old@x.io' } }])
      expect((await postReport(t.url, s.token, body)).status).toBe(204);
    expect(await stored(leads, r.id)).toMatchObject({
      seq: 3,
      path: ['ask_email', 'ask_name'],
      variables: { email: 'b@x.io' },
    });
    expect((await t.server.running.store.listResults(leads, { visitorId: s.vid }, { limit: 10 })).results).toHaveLength(
      1,
    );
    await postReport(t.url, s.token, { ...r, seq: 4, path: ['ask_email', 'ask_name', 'done'], completed: true });
    expect(await stored(leads, r.id)).toMatchObject({ seq: 4, completed: true, lastNodeId: 'done' });
  });

  it('maps the scenario hash to the version that has it, older versions included, and an unknown one to none', async () => {
    await publish(leads, v2);
    const s = await session(leads);
    const old = report({ scenario: hashOf(v1) });
    const current = report({ scenario: hashOf(v2) });
    const unknown = report({ scenario: 'ffffffffffffffff' });
    for (const r of [old, current, unknown]) expect((await postReport(t.url, s.token, r)).status).toBe(204);
    expect((await stored(leads, old.id))!.version).toBe(1);
    expect((await stored(leads, current.id))!.version).toBe(2);
    expect((await stored(leads, unknown.id))!.version).toBeNull();
  });

  it('refuses a missing, forged or expired token with 401, and a token of another bot with 403', async () => {
    const s = await session(leads);
    expect(await errorOf(await postReport(t.url, null, report()))).toMatchObject({
      status: 401,
      code: 'visitor.bad_token',
    });
    const [v, body, mac] = s.token.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ b: leads, v: visitorId(), e: Date.now() + 1e9 })).toString(
      'base64url',
    );
    expect(await errorOf(await postReport(t.url, `${v}.${forgedBody}.${mac}`, report()))).toMatchObject({
      status: 401,
      code: 'visitor.bad_token',
    });
    expect(body).toBeTruthy();
    const secret = await t.server.running.store.secret(TOKEN_SECRET_NAME, () => 'unused');
    const old = new VisitorTokens(secret, () => Date.now() - 181 * 24 * 3600 * 1000).issue(leads, visitorId());
    expect(await errorOf(await postReport(t.url, old.token, report()))).toMatchObject({
      status: 401,
      code: 'visitor.token_expired',
    });
    const other = await session(plain);
    const res = await fetch(`${t.url}/api/v1/visitor/results?botId=${leads}&token=${encodeURIComponent(other.token)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(report()),
    });
    expect(await errorOf(res)).toMatchObject({ status: 403, code: 'visitor.wrong_bot' });
  });

  it('refuses a report for a bot that does not collect results with 403 results.not_enabled', async () => {
    const s = await session(plain);
    expect(await errorOf(await postReport(t.url, s.token, report()))).toMatchObject({
      status: 403,
      code: 'results.not_enabled',
    });
  });

  it('refuses a body over 16 KiB with 413, and stores nothing of it', async () => {
    const s = await session(leads);
    const r = report({ variables: { email: 'x'.repeat(RESULT_LIMITS.bodyBytes) } });
    expect(await errorOf(await postReport(t.url, s.token, r))).toMatchObject({
      status: 413,
      code: 'request.too_large',
    });
    expect(await stored(leads, r.id)).toBeNull();
  });

  it('refuses 101 path nodes and wrong types with 400 results.bad_report naming the field', async () => {
    const s = await session(leads);
    const path = Array.from({ length: RESULT_LIMITS.pathNodes + 1 }, (_, i) => `n${i}`);
    const tooLong = await errorOf(await postReport(t.url, s.token, report({ path })));
    expect(tooLong).toMatchObject({ status: 400, code: 'results.bad_report' });
    expect(tooLong.message).toMatch(/path/);
    expect((await postReport(t.url, s.token, report({ path: path.slice(1) }))).status).toBe(204);

    const wrong: [string, unknown][] = [
      ['seq', { ...report(), seq: '1' }],
      ['completed', { ...report(), completed: 'yes' }],
      ['variables.email', { ...report(), variables: { email: { nested: true } } }],
      ['id', { ...report(), id: 'short' }],
      ['startedAt', { ...report(), startedAt: 'yesterday' }],
      ['extra', { ...report(), extra: 1 }],
    ];
    for (const [field, body] of wrong) {
      const error = await errorOf(await postReport(t.url, s.token, body));
      expect(error, field).toMatchObject({ status: 400, code: 'results.bad_report' });
      expect(error.message, field).toContain(field === 'extra' ? 'body' : field);
    }
    expect(await errorOf(await postReport(t.url, s.token, '{"id":'))).toMatchObject({
      status: 400,
      code: 'request.malformed_json',
    });
  });

  it('limits one visitor to 30 reports at once, then answers 429 with Retry-After', async () => {
    const s = await session(leads);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await postReport(t.url, s.token, report({ seq: i }))).status);
    expect(statuses.every((x) => x === 204)).toBe(true);
    const limited = await postReport(t.url, s.token, report());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).error.code).toBe('rate.limited');
    // One report every two seconds after the burst.
    clock.advance(2_000);
    expect((await postReport(t.url, s.token, report())).status).toBe(204);
    expect((await postReport(t.url, s.token, report())).status).toBe(429);
    // Another visitor is not held back.
    expect((await postReport(t.url, (await session(leads)).token, report())).status).toBe(204);
  });

  it('takes a simple cross-origin POST from an allowed page without a preflight, and refuses another origin', async () => {
    const s = await session(leads);
    const ok = await postReport(t.url, s.token, report(), { origin: LANDING });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(LANDING);
    const r = report();
    const refused = await postReport(t.url, s.token, r, { origin: 'https://evil.example' });
    expect(await errorOf(refused)).toMatchObject({ status: 403, code: 'visitor.origin_not_allowed' });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(await stored(leads, r.id)).toBeNull();
    // A preflight (which the runtime never needs) is answered too, for the bot the URL names.
    const preflight = await fetch(`${t.url}/api/v1/visitor/results?botId=${leads}`, {
      method: 'OPTIONS',
      headers: { origin: LANDING, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it("erases the visitor's own results of the bot with DELETE, and no one else's", async () => {
    const mine = await session(leads);
    const theirs = await session(leads);
    const a = report();
    const b = report();
    const c = report();
    await postReport(t.url, mine.token, a);
    await postReport(t.url, mine.token, b);
    await postReport(t.url, theirs.token, c);
    const res = await fetch(`${t.url}/api/v1/visitor/results`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${mine.token}`, origin: LANDING },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(LANDING);
    expect(await stored(leads, a.id)).toBeNull();
    expect(await stored(leads, b.id)).toBeNull();
    expect(await stored(leads, c.id)).not.toBeNull();
    expect((await fetch(`${t.url}/api/v1/visitor/results`, { method: 'DELETE' })).status).toBe(401);
  });
});
