/**
 * Test support for results reporting: a bot's host (runtime/host.ts) with the results module, on a
 * simulated clock, memory storage and a scripted network, in a stand-in page (window and document
 * events, location), so a test can hide or close the page and read every request the bot made.
 */
import { vi } from 'vitest';
import { createHost, type Host, type TabMessage } from '../host.ts';
import { results } from '../results.ts';
import { consent } from '../results-consent.ts';
import { pageContext } from '../page-context.ts';
import type { Tabs } from '../tabs.ts';
import type { Storage } from '../storage/types.ts';
import type { Net } from '../types.ts';
import { machineFromScenario } from './machine-from-scenario.ts';
import { settle, simClock } from './sim-clock.ts';

/** The bundle's server in these tests. */
export const SERVER = 'https://chatlet.example';

/** One request the bot made. */
export interface Request {
  method: string;
  url: string;
  body?: string;
  auth?: string;
  type?: string;
  keepalive?: boolean;
}

/**
 * A scripted Chatlet server: sessions get token `tok-<n>`; result reports get `status(n)` (204 unless
 * told; 0 means no answer), anything else 200 `{ id: 'h1' }`.
 */
export function fakeServer(status: (n: number) => number = () => 204) {
  const calls: Request[] = [];
  let sessions = 0,
    reports = 0;
  const net: Net = async (url, init = {}) => {
    const h = (init.headers || {}) as Record<string, string>;
    calls.push({
      method: init.method || 'GET',
      url,
      body: init.body as string | undefined,
      auth: h.Authorization,
      type: h['Content-Type'],
      keepalive: init.keepalive,
    });
    if (url.endsWith('/session')) return Response.json({ token: 'tok-' + ++sessions }, { status: 201 });
    if (url.includes('/results') && init.method == 'POST') {
      const s = status(++reports);
      if (!s) throw new TypeError('Failed to fetch');
      return new Response(s == 204 ? null : '{}', { status: s });
    }
    return url.includes('/results') ? new Response(null, { status: 204 }) : Response.json({ id: 'h1' });
  };
  return {
    net,
    calls,
    /** the result reports sent, parsed, with the wire tuple's fields named as the server names them */
    reports: () =>
      calls
        .filter((c) => c.method == 'POST' && c.url.includes('/results'))
        .map((c) => {
          const [id, seq, scenario, startedAt, path, variables, completed, handoff] = JSON.parse(c.body!);
          return { id, seq, scenario, startedAt, path, variables, completed, handoff };
        }),
  };
}

/** A stand-in page: window and document event targets, and the landing page's address. */
export function fakePage(href = 'https://landing.example/pricing', referrer = '') {
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { hidden: false, referrer });
  vi.stubGlobal('addEventListener', win.addEventListener.bind(win));
  vi.stubGlobal('document', doc);
  vi.stubGlobal('location', new URL(href));
  // The document's visibilitychange bubbles to the window.
  const hide = () => (
    (doc.hidden = true),
    doc.dispatchEvent(new Event('visibilitychange')),
    win.dispatchEvent(new Event('visibilitychange'))
  );
  return {
    /** the visitor switches to another tab */
    hide,
    /** the page is closed or left: as in browsers, it turns hidden (once) before pagehide */
    close: () => (doc.hidden || hide(), win.dispatchEvent(new Event('pagehide'))),
  };
}

/** One tab of a bot that reports results: its host, restored from `st` when it holds a conversation. */
export async function openBot(
  doc: unknown,
  o: { net: Net; st?: Storage; tabs?: Tabs<TabMessage>; page?: boolean },
): Promise<{ host: Host; st: Storage; errors: string[] }> {
  const bot = machineFromScenario(doc, { clock: simClock(), net: o.net, publicUrl: SERVER, vid: 'visitor-1' });
  const R = bot.env;
  // As the compiler wires them: consent only for bots whose results ask for it.
  R.spec.rs = R.spec.s.rk ? consent : results;
  if (o.page) R.spec.k.push(pageContext);
  if (o.st) R.st = o.st;
  const errors: string[] = [];
  const host = createHost(
    R,
    R.st,
    (t, d) => t == 'error' && errors.push((d as { code: string }).code),
    o.tabs || { leads: true, postMessage: () => undefined },
  );
  await host.restore();
  await settle();
  return { host, st: R.st, errors };
}

/** Lets storage, the reporter and the network settle. */
export async function flush() {
  for (let i = 0; i < 5; i++) await settle();
}
