/**
 * Test helpers for results ingest: a scenario that opts in, a report as a bundle sends it, and the POST itself
 * (a `text/plain` body with `?token=`, the CORS "simple" request a page sends as it closes).
 */
import { randomBytes } from 'node:crypto';
import { scenarioHash, type Scenario } from '../../compiler/index.ts';
import type { ResultReport } from '../../rest/index.ts';

/** A lead bot that asks for an email and a name and collects the variables named in `collect`. */
export function resultsScenario(collect: string[] = ['email'], text = 'Your email?'): Record<string, unknown> {
  return {
    format: 'chatlet.scenario/1',
    name: 'Leads',
    start: 'ask_email',
    variables: { email: '', name: '' },
    settings: { results: { collect } },
    nodes: [
      { id: 'ask_email', type: 'input', prompt: text, var: 'email', input: 'email', next: 'ask_name' },
      { id: 'ask_name', type: 'input', prompt: 'Your name?', var: 'name', input: 'text', next: 'done' },
      { id: 'done', type: 'end', text: 'Thanks!' },
    ],
  };
}

/** The scenario hash a bundle of `scenario` reports. */
export function hashOf(scenario: Record<string, unknown>): string {
  return scenarioHash(scenario as unknown as Scenario);
}

/** A new result id, as the runtime makes one (24 hex characters). */
export function resultId(): string {
  return randomBytes(12).toString('hex');
}

/** A report of a conversation that reached the email question, with `over` on top. */
export function report(over: Partial<ResultReport> = {}): ResultReport {
  return {
    id: resultId(),
    seq: 0,
    scenario: '0123456789abcdef',
    startedAt: Date.now() - 60_000,
    path: ['ask_email'],
    completed: false,
    handoff: false,
    variables: {},
    ...over,
  };
}

/** POSTs a report body (an object is sent as JSON text) the way the runtime does: `text/plain`, token in the URL. */
export function postReport(
  baseUrl: string,
  token: string | null,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return fetch(`${baseUrl}/api/v1/visitor/results${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
