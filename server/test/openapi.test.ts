import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REST_ERRORS, restErrorsByStatus } from '../../rest/index.ts';
import { toOpenApiPath } from '../openapi/describe-route.ts';
import { expressRoutes } from './express-routes.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;
let doc: any;

beforeAll(async () => {
  t = await startTestServer();
  const res = await fetch(`${t.url}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  doc = await res.json();
});

afterAll(async () => {
  await t?.stop();
});

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, served without credentials', async () => {
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
  });

  it('describes every /api/v1 route the app has, and nothing it does not have', () => {
    const routes = expressRoutes(t.server.running.app)
      .filter((r) => r.path.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${toOpenApiPath(r.path.slice('/api/v1'.length))}`)
      .sort();
    const described = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(
      routes.filter((r) => !described.includes(r)),
      'routes without describeRoute()',
    ).toEqual([]);
    expect(
      described.filter((d) => !routes.includes(d)),
      'described routes the app does not have',
    ).toEqual([]);
  });

  it('gives body routes the schema from their zod validator, with an example that passes it', () => {
    const create = doc.paths['/bots'].post;
    const schema = create.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(['name']);
    expect(schema.properties.name).toMatchObject({ type: 'string', minLength: 1, maxLength: 200 });
    expect(create.requestBody.content['application/json'].example.name).toBe('Lead capture');
    expect(create['x-roles']).toEqual(['owner', 'editor']);
    const settings = doc.paths['/bots/{id}/settings'].patch.requestBody.content['application/json'].schema;
    expect(Object.keys(settings.properties)).toEqual([
      'allowedOrigins',
      'webhookUrl',
      'webhookSecret',
      'longTimerThreshold',
    ]);
  });

  it('marks public routes as needing no credentials, and errors with the shared error schema', () => {
    expect(doc.paths['/session'].post.security).toEqual([]);
    expect(doc.paths['/setup'].post.security).toEqual([]);
    expect(doc.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    const notFound = doc.paths['/bots/{id}'].get.responses['404'];
    expect(notFound.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error404' });
    expect(doc.paths['/bots/{id}/versions/{version}'].get.parameters.map((p: any) => p.name)).toEqual([
      'id',
      'version',
    ]);
    expect(
      new Set(Object.values(doc.paths).flatMap((ops: any) => Object.values(ops).map((op: any) => op.operationId))).size,
    ).toBe(Object.values(doc.paths).flatMap((ops: any) => Object.keys(ops)).length);
  });

  it("lists, for each error status, exactly the catalogue's codes of that status", () => {
    const codesOf = (name: string) => doc.components.schemas[name].properties.error.properties.code.enum;
    for (const [status, codes] of restErrorsByStatus()) expect(codesOf(`Error${status}`)).toEqual(codes);
    expect(codesOf('Error404')).toContain('bot.not_found');
    expect(codesOf('Error409')).toContain('handoff.already_claimed');
    expect([...codesOf('Error')].sort()).toEqual(Object.keys(REST_ERRORS).sort());
  });
});
