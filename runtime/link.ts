import type { Env } from './types.ts';

/** What a delivery handler gets: the delivery's event. */
type Handler = (event: any) => void;

/** The server link, per docs/visitor-protocol.md. Bundles carry it only when the bot has long timers or handoff. */
export interface ServerLink {
  /** Calls a visitor endpoint with the visitor token; rejects on a network error or a non-2xx answer. */
  call(method: string, path: string, body?: unknown): Promise<any>;
  /** Listens for deliveries about `key` (a timer id or `h:<handoffId>`); the event stream is open while anyone listens. */
  on(key: string, fn: Handler): () => void;
}

/**
 * The only module that calls home. The visitor token is fetched once and kept in storage; the
 * event stream (SSE, resumed by the browser with Last-Event-ID) is open only while a long timer
 * or a handoff is pending, and every applied delivery is acknowledged.
 */
export function serverLink(R: Env): ServerLink {
  const base = R.spec.u + '/api/v1/visitor';
  const handlers = new Map<string, Handler>();
  const tokenKey = 't:' + R.spec.id;
  let token: Promise<string> | undefined;
  let es: EventSource | undefined;

  function get(fresh?: boolean): Promise<string> {
    if (fresh || !token) {
      const p = (token = (fresh ? Promise.resolve(undefined) : R.st.get<string>(tokenKey).catch(() => undefined)).then(
        (t) =>
          t ||
          send('POST', '/session', { botId: R.spec.id, visitorId: R.vid }).then(
            (r) => (R.st.set(tokenKey, r.token).catch(() => 0), r.token),
          ),
      ));
      // A session the server could not give (it was down) is asked for again next time, not kept failed.
      p.catch(() => token === p && (token = undefined));
    }
    return token!;
  }

  let warned = false;

  async function send(method: string, path: string, body?: unknown, auth?: string): Promise<any> {
    const res = await fetch(base + path, {
      method,
      headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: 'Bearer ' + auth } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }).catch(() => undefined);
    // No answer (down, offline, or refused by CORS) or a server error: said once per page, so the
    // landing owner learns that long timers now wait in this page only and handoffs time out.
    if ((!res || res.status > 499) && !warned)
      ((warned = true),
        R.warn && R.warn('server.unreachable', method + ' ' + path + ': ' + (res ? res.status : 'no answer')));
    if (!res || !res.ok) throw res ? res.status : 0;
    return res.status == 204 ? null : res.json();
  }

  const call = (method: string, path: string, body?: unknown): Promise<any> =>
    get().then((t) =>
      send(method, path, body, t).catch((s) =>
        s == 401 ? get(true).then((t2) => send(method, path, body, t2)) : Promise.reject(s),
      ),
    );

  function stream() {
    if (!handlers.size) {
      if (es) (es.close(), (es = undefined));
      return;
    }
    if (es) return;
    get().then(
      (t) => {
        if (es || !handlers.size) return;
        es = new EventSource(base + '/events?token=' + encodeURIComponent(t));
        es.addEventListener('delivery', (m: any) => {
          const d = JSON.parse(m.data);
          const fn = handlers.get(d.timerId || 'h:' + d.handoffId);
          if (fn) fn(d.event);
          call('POST', '/ack', { upTo: d.id }).catch(() => 0);
        });
      },
      () => 0,
    );
  }

  return {
    call,
    on(key, fn) {
      handlers.set(key, fn);
      stream();
      return () => (handlers.delete(key), stream());
    },
  };
}
