/**
 * The one web client of the REST API, shared by the builder and the console. Every failure comes
 * back as an `ApiError` with a stable code: the server's `{ error: { code, message } }`, or a code of
 * the client's own when there is no such answer (`network.offline`, `network.timeout`,
 * `response.invalid`, `http.<status>`), so a UI can always say why in words and tests can match codes.
 */
import type { Diagnostic } from '../compiler/browser.ts';
import { restErrorMessage } from './errors.ts';
import { resultCalls, type ResultCalls } from './result-calls.ts';

export type { AnalyticsQuery, DateParam, ResultCalls, ResultQuery } from './result-calls.ts';

/** Codes the client gives failures that never reached a REST error answer. */
export type ClientErrorCode = 'network.offline' | 'network.timeout' | 'response.invalid' | `http.${number}`;

/** What the client says for its own codes; server codes carry the server's sentence. */
export const CLIENT_MESSAGES: Record<'network.offline' | 'network.timeout' | 'response.invalid', string> = {
  'network.offline': 'The server did not answer. Check your connection and try again.',
  'network.timeout': 'The server took too long to answer. Try again in a moment.',
  'response.invalid': 'The server sent an answer this page cannot read. Reload the page and try again.',
};

/** A failed call: the HTTP status (0 when no answer came), the error code and a sentence for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For `compile.failed`: the compiler's diagnostics of the scenario that was refused. */
    readonly diagnostics: Diagnostic[] = [],
    /** For `request.invalid`: the server's sentence for each field, by its name. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** One call: a method, a JSON body or a raw one, extra headers, and its own timeout if it needs one. */
export interface CallInit {
  method?: string;
  /** Sent as JSON with its Content-Type. */
  json?: unknown;
  /** Sent as it is (an XML document, say); its Content-Type goes in `headers`. */
  body?: BodyInit;
  headers?: Record<string, string>;
  /** Overrides the client's timeout (a preview or publish that compiles takes longer than a list). */
  timeoutMs?: number;
}

/** Starts a timer and returns what cancels it; injected by tests so no test waits for real time. */
export type StartTimer = (fire: () => void, ms: number) => () => void;

/** How a client reaches its server. */
export interface ClientOptions {
  /** The API's root, `/api/v1` in the browser; an absolute URL in Node. */
  base: string;
  /** Headers every call carries (the builder's API token, when automation drives it). */
  headers?: () => Record<string, string>;
  /** After this long without an answer a call fails with `network.timeout`. */
  timeoutMs?: number;
  /** Called on a 401 before the error is thrown (the console sends its manager to the login page). */
  onUnauthorized?: () => void;
  /** Default: `setTimeout`. */
  startTimer?: StartTimer;
  /** Human text for a server code when the answer carries none; default: the REST error catalogue's. */
  messageFor?: (code: string) => string | undefined;
}

/** The typed calls of a client: `request` answers the Response, `json` its parsed body; and the results calls. */
export interface Client extends ResultCalls {
  /** Makes a call and answers the Response when it is 2xx; throws an `ApiError` otherwise. */
  request(path: string, init?: CallInit): Promise<Response>;
  /** Makes a call and answers its JSON body (`undefined` for 204). */
  json<T>(path: string, init?: CallInit): Promise<T>;
}

/** Two minutes: long enough for a publish that compiles on a busy machine, short enough to say so. */
export const DEFAULT_TIMEOUT_MS = 120_000;

const realTimer: StartTimer = (fire, ms) => {
  const id = setTimeout(fire, ms);
  return () => clearTimeout(id);
};

interface ErrorBody {
  error?: {
    code?: string;
    message?: string;
    diagnostics?: Diagnostic[];
    details?: { path: string; message: string }[];
  };
}

/** A client with the page's session cookie (same-origin credentials) and the given options. */
export function createClient(options: ClientOptions): Client {
  const startTimer = options.startTimer ?? realTimer;
  const messageFor = options.messageFor ?? restErrorMessage;

  async function request(path: string, init: CallInit = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers?.(), ...init.headers };
    if (init.json !== undefined) headers['Content-Type'] = 'application/json';
    const abort = new AbortController();
    let timedOut = false;
    const cancel = startTimer(
      () => {
        timedOut = true;
        abort.abort();
      },
      init.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    let res: Response;
    try {
      res = await fetch(options.base + path, {
        method: init.method ?? 'GET',
        headers,
        credentials: 'same-origin',
        body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
        signal: abort.signal,
      });
    } catch {
      // fetch rejects only when no answer came: the network is down, the server gone, or we gave up.
      const code = timedOut ? 'network.timeout' : 'network.offline';
      throw new ApiError(0, code, CLIENT_MESSAGES[code]);
    } finally {
      cancel();
    }
    if (res.ok) return res;
    if (res.status === 401) options.onUnauthorized?.();
    throw await errorOf(res);
  }

  async function errorOf(res: Response): Promise<ApiError> {
    let body: ErrorBody = {};
    try {
      body = (await res.json()) as ErrorBody;
    } catch {
      // Not JSON: a proxy's error page, say. The status still says something.
    }
    const code = body.error?.code ?? `http.${res.status}`;
    // A 400's details are sentences per field; together they say more than "The request body is invalid".
    const details = Array.isArray(body.error?.details) ? body.error.details : [];
    const fields = Object.fromEntries(details.map((d) => [d.path, d.message]));
    const message = details.length
      ? details.map((d) => d.message).join(' ')
      : (body.error?.message ??
        messageFor(code) ??
        `The server answered ${res.status}${res.statusText ? ` (${res.statusText})` : ''}. Try again.`);
    return new ApiError(res.status, code, message, body.error?.diagnostics ?? [], fields);
  }

  async function json<T>(path: string, init?: CallInit): Promise<T> {
    const res = await request(path, init);
    if (res.status === 204) return undefined as T;
    try {
      return (await res.json()) as T;
    } catch {
      throw new ApiError(res.status, 'response.invalid', CLIENT_MESSAGES['response.invalid']);
    }
  }

  return { request, json, ...resultCalls(options.base, json) };
}
