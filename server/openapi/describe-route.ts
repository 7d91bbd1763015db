import type { z } from 'zod';
import type { Role } from '../store/types.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * How a route authenticates:
 * - `api`: a bearer token or a session cookie (the default);
 * - `public`: nothing (session login, set-up, the OpenAPI document itself);
 * - `visitor`: a visitor token (`/visitor/...`, see docs/visitor-protocol.md).
 */
export type RouteAuth = 'api' | 'public' | 'visitor';

export interface ResponseDescription {
  description: string;
  /** The JSON body; omit for an empty one or for an error (errors share one schema). */
  schema?: z.ZodType;
  /** Default `application/json`. */
  contentType?: string;
}

export interface BodyDescription {
  schema?: z.ZodType;
  /** Default `application/json`. */
  contentType?: string;
  /** Default true. */
  required?: boolean;
  description?: string;
}

export interface RouteDescription {
  method: HttpMethod | Uppercase<HttpMethod>;
  /** Express-style path under `/api/v1`, e.g. `/bots/:id/publish`. */
  path: string;
  summary: string;
  description?: string;
  /** Groups in the document; default the path's first segment. */
  tags?: string[];
  auth?: RouteAuth;
  /** Roles allowed; absent means any authenticated role. Tests hold the routes to it. */
  roles?: Role[];
  body?: z.ZodType | BodyDescription;
  /** Query parameters, as a zod object of strings. */
  query?: z.ZodObject;
  /** By status: a description, or a description with a body schema. */
  responses: Record<number, string | ResponseDescription>;
  /**
   * A request body that passes validation. It is the example in the document, and the access-matrix tests send it,
   * so that a refusal they see is the access check and not a 400.
   */
  example?: unknown;
}

export interface DescribedRoute extends Omit<RouteDescription, 'method'> {
  method: HttpMethod;
  /** `METHOD /path`, the route's identity. */
  key: string;
}

const routes = new Map<string, DescribedRoute>();

/**
 * Registers a route in the OpenAPI document served at `/api/v1/openapi.json`. Call it at the top level of the
 * module that defines the route (next to the router), once per method and path; a test fails for any
 * `/api/v1` route that is not described.
 */
export function describeRoute(description: RouteDescription): void {
  const method = description.method.toLowerCase() as HttpMethod;
  const key = `${method.toUpperCase()} ${description.path}`;
  routes.set(key, { ...description, method, key });
}

/** Every described route, in registration order. */
export function describedRoutes(): DescribedRoute[] {
  return [...routes.values()];
}

/** `/bots/:id/versions/:version` → `/bots/{id}/versions/{version}`; Express wildcards (`*name`) too. */
export function toOpenApiPath(path: string): string {
  return path.replace(/[:*]([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

/** The names of a path's parameters, in order. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/[:*]([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
}
