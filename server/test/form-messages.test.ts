/** What the set-up, login and user forms get back for empty or wrong fields: sentences for people, under stable codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  await t?.stop();
});

async function post(path: string, body: unknown, token: string | null = null) {
  const res = await t.api(path, { method: 'POST', body, token });
  return { status: res.status, error: (await res.json()).error };
}

describe('form messages', () => {
  it("answers an empty set-up form with one sentence per field, never zod's type talk", async () => {
    const { status, error } = await post('/setup', {});
    expect([status, error.code]).toEqual([400, 'request.invalid']);
    expect(error.details.map((d: any) => [d.path, d.message])).toEqual([
      ['email', 'Enter an email address.'],
      ['password', 'Enter a password.'],
      ['orgName', 'Enter a name.'],
    ]);
    expect(JSON.stringify(error)).not.toMatch(/Invalid input|expected string|received undefined/);
  });

  it('says what is wrong with a mistyped email and a short password', async () => {
    const { error } = await post('/setup', { email: 'ann@', password: 'short', orgName: 'Acme' });
    expect(error.details.map((d: any) => d.message)).toEqual([
      'Enter an email address like name@example.com.',
      'The password needs at least 8 characters.',
    ]);
  });

  it('asks for the email and the password on an empty login form', async () => {
    const { status, error } = await post('/session', { email: '', password: '' });
    expect(status).toBe(400);
    expect(error.details.map((d: any) => d.message)).toEqual(['Enter an email address.', 'Enter your password.']);
  });

  it('names the roles when an owner adds a user with a role that does not exist', async () => {
    const { error } = await post('/users', { email: 'x@example.com', password: 'long enough', role: 'admin' }, t.token);
    expect(error.details).toEqual([
      expect.objectContaining({ path: 'role', message: 'Choose a role: owner, editor or manager.' }),
    ]);
  });
});
