/**
 * Test support: publishing scenarios through the real REST API, so every spec runs the minified
 * bundle the server serves, exactly as a landing page would get it.
 */
import { readFileSync } from 'node:fs';
import { expect, type APIRequestContext } from '@playwright/test';

/** The admin token playwright.config.ts gives the server it starts. */
export const ADMIN = { Authorization: 'Bearer e2e-admin-token' };

export interface PublishedBot {
  id: string;
  version: number;
  hash: string;
  /** `/bots/<id>.js`, the path a landing page embeds */
  script: string;
}

/** A scenario from demo/e2e/scenarios/, parsed afresh so a test may change its copy. */
export function scenario(name: string): any {
  return JSON.parse(readFileSync(new URL(`../scenarios/${name}.json`, import.meta.url), 'utf8'));
}

/** Creates a bot with this scenario and publishes it as version 1. */
export async function publishBot(request: APIRequestContext, doc: unknown, name = 'e2e'): Promise<PublishedBot> {
  const created = await request.post('/api/v1/bots', { headers: ADMIN, data: { name, scenario: doc } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  return publish(request, id);
}

/** Saves a new draft for an existing bot and publishes it as the next version. */
export async function publishVersion(request: APIRequestContext, id: string, doc: unknown): Promise<PublishedBot> {
  const saved = await request.put(`/api/v1/bots/${id}/scenario`, { headers: ADMIN, data: doc });
  expect(saved.status(), await saved.text()).toBe(200);
  return publish(request, id);
}

async function publish(request: APIRequestContext, id: string): Promise<PublishedBot> {
  const res = await request.post(`/api/v1/bots/${id}/publish`, { headers: ADMIN });
  expect(res.status(), await res.text()).toBe(201);
  const { version, hash } = (await res.json()) as { version: number; hash: string };
  return { id, version, hash, script: `/bots/${id}.js` };
}
