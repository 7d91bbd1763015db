import { HttpError } from '../http/http-error.ts';

/** Why an invite link cannot be used, as a code the JSON route answers and the invite page explains. */
export type InviteProblem = 'not_found' | 'expired' | 'used' | 'revoked';

const PROBLEMS: Record<InviteProblem, { status: number; message: string }> = {
  not_found: { status: 404, message: 'This invite link is not valid. Ask the person who invited you for a new one.' },
  expired: { status: 410, message: 'This invite link has expired. Ask the person who invited you for a new one.' },
  used: { status: 410, message: 'This invite link has been used already. Log in instead, or ask for a new link.' },
  revoked: { status: 410, message: 'This invite link was withdrawn. Ask the person who invited you for a new one.' },
};

/** The coded error for an unusable link: `invite.not_found` (404) or `invite.expired|used|revoked` (410). */
export function inviteProblem(problem: InviteProblem): HttpError {
  const { status, message } = PROBLEMS[problem];
  return new HttpError(status, `invite.${problem}`, message);
}

/** True for the errors `inviteProblem` makes, so the invite page can explain them rather than fail. */
export function isInviteProblem(err: unknown): err is HttpError {
  return err instanceof HttpError && /^invite\.(not_found|expired|used|revoked)$/.test(err.code);
}
