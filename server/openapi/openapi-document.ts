import { z } from 'zod';
import { REST_ERRORS, restErrorsByStatus, type RestErrorCode } from '../../rest/index.ts';
import {
  describedRoutes,
  pathParams,
  toOpenApiPath,
  type BodyDescription,
  type DescribedRoute,
  type ResponseDescription,
} from './describe-route.ts';

type JsonObject = Record<string, unknown>;

const ERROR_REF = { $ref: '#/components/schemas/Error' };
const ERRORS_BY_STATUS = restErrorsByStatus();

/**
 * The error body of a status: one schema per status the catalogue (`rest/errors.ts`) has, whose `code` lists exactly
 * the codes that status may carry, so a client generated from the document knows them; `Error` for any other.
 */
function errorRef(status: number): { $ref: string } {
  return ERRORS_BY_STATUS.has(status) ? { $ref: `#/components/schemas/Error${status}` } : ERROR_REF;
}

/** The error body every route answers with, whatever the status; `codes` narrows `code` to one status's. */
const errorSchema = (codes: readonly RestErrorCode[]) =>
  z.object({
    error: z.object({
      code: z.enum(codes as [RestErrorCode, ...RestErrorCode[]]).describe(
        codes
          .map((code) => `\`${code}\`: ${REST_ERRORS[code].message}`)
          .join('\n')
          .concat('\n\nStable: match on the code, not on the message'),
      ),
      message: z.string(),
      diagnostics: z.array(z.record(z.string(), z.unknown())).optional().describe('When a compile is the reason'),
      details: z
        .array(z.object({ path: z.string(), message: z.string(), code: z.string() }))
        .optional()
        .describe('What is wrong with an invalid request body'),
    }),
  });

/** `Error` (any code) and `Error<status>` for each status of the catalogue. */
function errorSchemas(): Record<string, JsonObject> {
  const schemas: Record<string, JsonObject> = {
    Error: jsonSchema(errorSchema(Object.keys(REST_ERRORS) as RestErrorCode[])),
  };
  for (const [status, codes] of ERRORS_BY_STATUS) schemas[`Error${status}`] = jsonSchema(errorSchema(codes));
  return schemas;
}

const STANDARD_ERRORS: Record<number, string> = {
  400: 'The body or a parameter is invalid (`request.invalid`, `request.malformed_json`)',
  401: 'No credentials, or wrong, expired or revoked ones (`auth.required`, `auth.invalid_token`, `auth.session_expired`)',
  403: 'The role may not do this (`auth.forbidden`), or a cookie request came from another origin (`auth.bad_origin`)',
  404: 'No such resource in your organisation',
  413: 'The body is too large (`request.too_large`)',
  429: 'Too many requests (`rate.limited`); see `Retry-After`',
};

/** The OpenAPI 3.1 document for `/api/v1`, built from every `describeRoute` call and the routes' zod schemas. */
export function openApiDocument(options: { serverUrl: string; version: string }): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of describedRoutes()) {
    const path = toOpenApiPath(route.path);
    (paths[path] ??= {})[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Chatlet REST API',
      version: options.version,
      description: 'Bots, drafts, versions, accounts and tokens. See docs/rest-api.md for examples.',
    },
    servers: [{ url: `${options.serverUrl}/api/v1` }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    paths,
    components: {
      schemas: errorSchemas(),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'CHATLET_ADMIN_TOKEN or an API token (`POST /tokens`)',
        },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'chatlet_session',
          description: 'Set by `POST /session`; unsafe methods also need an Origin of this server',
        },
        visitorToken: { type: 'http', scheme: 'bearer', description: 'A visitor token from `POST /visitor/session`' },
      },
    },
  };
}

function operation(route: DescribedRoute): JsonObject {
  const op: JsonObject = {
    operationId: operationId(route),
    summary: route.summary,
    tags: route.tags ?? [route.path.split('/')[1] || 'api'],
  };
  if (route.description) op.description = route.description;
  if (route.roles) op['x-roles'] = route.roles;
  const auth = route.auth ?? 'api';
  if (auth === 'public') op.security = [];
  if (auth === 'visitor') op.security = [{ visitorToken: [] }];

  const parameters: JsonObject[] = pathParams(route.path).map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (route.query) {
    const schema = jsonSchema(route.query) as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      parameters.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: property });
    }
  }
  if (parameters.length) op.parameters = parameters;

  const body = requestBody(route);
  if (body) op.requestBody = body;
  op.responses = responses(route, Boolean(body));
  return op;
}

function requestBody(route: DescribedRoute): JsonObject | null {
  if (!route.body) return null;
  const description: BodyDescription = route.body instanceof z.ZodType ? { schema: route.body } : route.body;
  const media: JsonObject = { schema: description.schema ? jsonSchema(description.schema) : {} };
  if (route.example !== undefined) media.example = route.example;
  const body: JsonObject = {
    required: description.required ?? true,
    content: { [description.contentType ?? 'application/json']: media },
  };
  if (description.description) body.description = description.description;
  return body;
}

function responses(route: DescribedRoute, hasBody: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [status, value] of Object.entries(route.responses)) {
    const response: ResponseDescription = typeof value === 'string' ? { description: value } : value;
    const entry: JsonObject = { description: response.description };
    if (Number(status) >= 400) entry.content = { 'application/json': { schema: errorRef(Number(status)) } };
    else if (response.schema || response.contentType) {
      entry.content = {
        [response.contentType ?? 'application/json']: { schema: response.schema ? jsonSchema(response.schema) : {} },
      };
    }
    out[status] = entry;
  }
  const auth = route.auth ?? 'api';
  const implied: number[] = [];
  if (auth !== 'public') implied.push(401);
  if (route.roles || auth === 'api') implied.push(403);
  if (hasBody) implied.push(400, 413);
  if (pathParams(route.path).length) implied.push(404);
  for (const status of implied) {
    out[status] ??= {
      description: STANDARD_ERRORS[status],
      content: { 'application/json': { schema: errorRef(status) } },
    };
  }
  return out;
}

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), for what a client sends. */
function jsonSchema(schema: z.ZodType): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonObject;
  return rest;
}

function operationId(route: DescribedRoute): string {
  const words = route.path
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith(':') || part.startsWith('*') ? `by ${part.slice(1)}` : part))
    .join(' ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [route.method, ...words].map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
}
