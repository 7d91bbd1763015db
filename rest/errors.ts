/**
 * The REST error catalogue: every code the server answers in `{ "error": { "code", "message" } }`, with its HTTP
 * status and a default sentence for people. One list, so a route cannot invent a code (`apiError` takes only these),
 * the OpenAPI document lists per status what a client may meet, docs/rest-api.md is checked against it, and the web
 * clients can say something human for a code whatever message came with it.
 *
 * A route may answer with a more precise message (naming the id it did not find, say); the status goes with the code
 * (except `request.invalid` for a library's own 4xx, which keeps that library's status).
 * This module is plain data: no Node module and nothing from server/, because the builder and the console bundle it.
 */

/** What the catalogue knows of one code. */
export interface RestErrorEntry {
  /** The HTTP status every answer with this code has. */
  readonly status: number;
  /** The default message: what a route says when it has nothing more precise, and what a UI may show. */
  readonly message: string;
}

/** Every REST error code, grouped by what it is about; statuses are fixed per code. */
export const REST_ERRORS = {
  // The request itself.
  'request.invalid': { status: 400, message: 'The request is invalid' },
  'request.malformed_json': { status: 400, message: 'The request body is not valid JSON' },
  'request.aborted': { status: 400, message: 'The request was aborted' },
  'request.too_large': { status: 413, message: 'The request body is too large' },
  'request.unsupported_encoding': { status: 415, message: 'The request body encoding is not supported' },
  'request.unsupported_charset': { status: 415, message: 'The request body charset is not supported' },
  'route.not_found': { status: 404, message: 'There is no such address on this server.' },
  'rate.limited': { status: 429, message: 'Too many requests; wait a moment and try again.' },

  // Who is asking.
  'auth.required': { status: 401, message: 'Authentication required: log in, or send Authorization: Bearer <token>' },
  'auth.invalid_token': { status: 401, message: 'The credentials are invalid or expired' },
  'auth.session_expired': { status: 401, message: 'Your session has expired or ended; log in again' },
  'auth.bad_credentials': { status: 401, message: 'The email or the password is wrong' },
  'auth.forbidden': { status: 403, message: 'Your role in this organisation may not do this.' },
  'auth.bad_origin': { status: 403, message: "This request must come from this server's own pages" },
  'auth.user_required': { status: 403, message: 'Only a user can do this; log in, or use a token made by a user' },
  'auth.no_organisation': { status: 403, message: 'Your account is not a member of any organisation' },
  'setup.done': { status: 409, message: 'This server is already set up; log in instead' },

  // Organisations, members, tokens and invites.
  'org.not_found': { status: 404, message: 'There is no such organisation, or you are not a member of it.' },
  'org.last_owner': { status: 409, message: 'An organisation needs an owner: make someone else owner first' },
  'user.not_found': { status: 404, message: 'There is no such member in this organisation.' },
  'user.exists': { status: 409, message: 'That person is already a member of this organisation.' },
  'token.not_found': { status: 404, message: 'There is no such token in this organisation.' },
  'invite.not_found': {
    status: 404,
    message: 'This invite link is not valid. Ask the person who invited you for a new one.',
  },
  'invite.expired': {
    status: 410,
    message: 'This invite link has expired. Ask the person who invited you for a new one.',
  },
  'invite.used': {
    status: 410,
    message: 'This invite link has been used already. Log in instead, or ask for a new link.',
  },
  'invite.revoked': {
    status: 410,
    message: 'This invite link was withdrawn. Ask the person who invited you for a new one.',
  },
  'invite.email_mismatch': { status: 403, message: 'This invite is for another email address; use that one.' },
  'invite.already_member': { status: 409, message: 'You are a member of this organisation already: log in instead.' },
  'invite.account_exists': {
    status: 409,
    message: 'An account with this email exists already: log in with it to join.',
  },

  // Bots, drafts, versions and compiling.
  'bot.not_found': { status: 404, message: 'There is no such bot in this organisation.' },
  'bot.conflict': {
    status: 409,
    message: 'Someone else saved this bot since you opened it. Reload it to see their changes, then make yours again.',
  },
  'version.not_found': { status: 404, message: 'This bot has no such version.' },
  'compile.failed': { status: 422, message: 'The scenario has errors; see its diagnostics.' },
  'import.failed': { status: 422, message: 'Nothing could be imported from this file' },

  // Handoffs, as managers see them.
  'handoff.not_found': { status: 404, message: 'There is no such handoff.' },
  'handoff.already_claimed': { status: 409, message: 'Another manager has already claimed this handoff' },
  'handoff.not_active': { status: 409, message: 'Claim the handoff before writing; closed ones take no messages' },
  'handoff.closed': { status: 409, message: 'This handoff is closed' },
  'handoff.not_resolved': { status: 409, message: 'Only a resolved handoff can be rated' },

  // What opted-in bots collected, as owners see it.
  'results.not_found': { status: 404, message: 'This bot has no such result; it may have been deleted.' },

  // The visitor endpoints a bot's script calls.
  'visitor.bad_token': { status: 401, message: 'The visitor token is not valid' },
  'visitor.token_expired': {
    status: 401,
    message: 'The visitor token has expired; exchange the visitor id again',
  },
  'visitor.wrong_bot': { status: 403, message: 'This visitor token belongs to another bot' },
  'visitor.origin_not_allowed': { status: 403, message: "This page's origin is not allowed for this bot" },
  'visitor.bot_not_found': { status: 404, message: 'No published bot with this id' },
  'results.bad_report': { status: 400, message: 'The result report is invalid' },
  'results.not_enabled': { status: 403, message: 'This bot does not collect results (settings.results)' },

  // The server itself.
  internal: { status: 500, message: 'Internal server error' },
  'server.starting': { status: 503, message: 'The server is starting' },
  'server.draining': { status: 503, message: 'The server is shutting down' },
  'store.unavailable': { status: 503, message: 'The store does not answer' },
} as const satisfies Record<string, RestErrorEntry>;

/** A code the server may answer with; an unknown one is a compile error where this type is asked for. */
export type RestErrorCode = keyof typeof REST_ERRORS;

/** The things a `<thing>.not_found` code exists for (`bot`, `handoff`, …). */
export type NotFoundSubject = RestErrorCode extends infer C
  ? C extends `${infer Subject}.not_found`
    ? Subject
    : never
  : never;

/** True when `code` is in the catalogue (a client may meet codes of its own, or of a newer server). */
export function isRestErrorCode(code: string): code is RestErrorCode {
  return Object.prototype.hasOwnProperty.call(REST_ERRORS, code);
}

/** The catalogue's sentence for a code, or undefined for a code it does not know. */
export function restErrorMessage(code: string): string | undefined {
  return isRestErrorCode(code) ? REST_ERRORS[code].message : undefined;
}

/** Every code, grouped by HTTP status, in catalogue order: what the OpenAPI document and the docs list. */
export function restErrorsByStatus(): Map<number, RestErrorCode[]> {
  const byStatus = new Map<number, RestErrorCode[]>();
  for (const [code, entry] of Object.entries(REST_ERRORS) as [RestErrorCode, RestErrorEntry][]) {
    const codes = byStatus.get(entry.status) ?? [];
    codes.push(code);
    byStatus.set(entry.status, codes);
  }
  return byStatus;
}
