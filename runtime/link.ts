import type { Delivered, Env, Net, ServerLink } from './types.ts';

export type { ServerLink } from './types.ts';

/** The page's network: the real `Net` port. Called at call time, so a page that replaces fetch later is heard. */
export const net: Net = (url, init) => fetch(url, init);

/**
 * Calls home for long timers and handoff (runtime/results.ts, the other module that does, reports
 * results on its own). The visitor token is fetched once and kept in storage; the
 * event stream (SSE, resumed by the browser with Last-Event-ID) is open only while a long timer
 * or a handoff is pending, and every applied delivery is acknowledged.
 */
export function serverLink(R: Env): ServerLink {
  const base = R.spec.u + '/api/v1/visitor';
  const handlers = new Map<string, (event: Delivered) => void>();
  const tokenKey = 't:' + R.spec.id;
  let token: Promise<string> | undefined;
  let es: EventSource | undefined;

  function get(fresh?: boolean): Promise<string> {
    if (fresh || !token) {
      const p = (token = (fresh ? Promise.resolve(undefined) : R.st.get<string>(tokenKey).catch(() => undefined)).then(
        (t) =>
          t ||
          send('POST', '/session', { botId: R.spec.id, visitorId: R.vid }).then(
            (r: { token: string }) => (R.st.set(tokenKey, r.token).catch(() => 0), r.token),
          ),
      ));
      // A session the server could not give (it was down) is asked for again next time, not kept failed.
      p.catch(() => token === p && (token = undefined));
    }
    return token!;
  }

  let warned = false;

  // any: the JSON answer of whichever endpoint was called (ServerLink.call)
  async function send(method: string, path: string, body?: unknown, auth?: string): Promise<any> {
    const res = await R.f(base + path, {
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

  const call: ServerLink['call'] = (method, path, body) =>
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
        es.addEventListener('delivery', (m: MessageEvent<string>) => {
          const d: { id: number; timerId?: string; handoffId?: string; event: Delivered } = JSON.parse(m.data);
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
