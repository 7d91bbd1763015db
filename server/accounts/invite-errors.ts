import { apiError, HttpError } from '../http/http-error.ts';

/** Why an invite link cannot be used, as a code the JSON route answers and the invite page explains. */
export type InviteProblem = 'not_found' | 'expired' | 'used' | 'revoked';

/** The coded error for an unusable link: `invite.not_found` (404) or `invite.expired|used|revoked` (410), with the catalogue's sentence. */
export function inviteProblem(problem: InviteProblem): HttpError {
  return apiError(`invite.${problem}`);
}

/** True for the errors `inviteProblem` makes, so the invite page can explain them rather than fail. */
export function isInviteProblem(err: unknown): err is HttpError {
  return err instanceof HttpError && /^invite\.(not_found|expired|used|revoked)$/.test(err.code);
}
