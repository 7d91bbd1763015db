import { hashPassword } from '../auth/passwords.ts';
import { hashToken } from '../auth/token-hash.ts';
import { newId, newSecret } from '../ids.ts';
import type { Role } from '../store/types.ts';
import type { TestServer } from './test-server.ts';

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

/** A user with a password, member of `orgId` with `role`, written straight to the store (set-up is tested elsewhere). */
export async function addUser(t: TestServer, orgId: string, role: Role, name = 'Test user'): Promise<TestUser> {
  const { store } = t.server.running;
  await store.ensureOrg({ id: orgId, name: orgId });
  const email = `${newId('user').toLowerCase()}@example.com`;
  const password = `pw-${newId('p')}`;
  const user = await store.createUser({ id: newId('u'), email, name, passwordHash: await hashPassword(password) });
  await store.setMembership({ orgId, userId: user.id, role });
  return { id: user.id, email, password };
}

/** A stored API token with `role` in `orgId`. */
export async function addToken(t: TestServer, orgId: string, role: Role): Promise<string> {
  const { store } = t.server.running;
  await store.ensureOrg({ id: orgId, name: orgId });
  const secret = newSecret();
  await store.createToken({
    id: newId('t'),
    orgId,
    userId: null,
    role,
    name: role,
    tokenHash: hashToken(secret),
    expiresAt: null,
  });
  return secret;
}

export interface SessionClient {
  cookie: string;
  /** fetch under `/api/v1` with the session cookie and, unless told otherwise, this server's Origin. */
  api(path: string, init?: Omit<RequestInit, 'body'> & { body?: unknown; origin?: string | null }): Promise<Response>;
}

/** Logs in through `POST /api/v1/session` and keeps the cookie. */
export async function login(t: TestServer, user: { email: string; password: string }): Promise<SessionClient> {
  const res = await fetch(`${t.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return sessionClient(t, cookieFrom(res));
}

/** A client that sends `cookie` (a `name=value` pair) on every request. */
export function sessionClient(t: TestServer, cookie: string): SessionClient {
  return {
    cookie,
    api(path, init = {}) {
      const { body, origin, headers, ...rest } = init;
      const sendOrigin = origin === undefined ? t.url : origin;
      return fetch(`${t.url}/api/v1${path}`, {
        ...rest,
        headers: {
          cookie,
          ...(sendOrigin ? { origin: sendOrigin } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(headers as Record<string, string> | undefined),
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
  };
}

/** The `chatlet_session=…` pair of a response's Set-Cookie. */
export function cookieFrom(res: Response): string {
  const header = res.headers.getSetCookie().find((c) => c.startsWith('chatlet_session='));
  if (!header) throw new Error('no session cookie was set');
  return header.split(';')[0];
}
