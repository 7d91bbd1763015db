import type { RequestHandler } from 'express';
import { isInviteProblem } from '../accounts/invite-errors.ts';
import type { InviteDetails, InviteService } from '../accounts/invite-service.ts';
import { pathParam } from '../http/params.ts';
import type { Role } from '../store/types.ts';
import { escapeHtml, page } from './templates.ts';

const ROLE_TEXT: Record<Role, string> = {
  owner: 'an owner: you will build bots and manage the team',
  editor: 'an editor: you will build and publish bots',
  manager: 'a manager: you will answer visitors in the console',
};

const PROBLEM_TITLES: Record<string, string> = {
  'invite.not_found': 'This invite link is not valid',
  'invite.expired': 'This invite link has expired',
  'invite.used': 'This invite link has been used',
  'invite.revoked': 'This invite link was withdrawn',
};

/** `GET /invite/:token`: the form to join, or a page that says plainly why the link no longer works (404/410). */
export function invitePage(invites: InviteService): RequestHandler {
  return async function invitePage(req, res) {
    try {
      res.type('html').send(inviteFormPage(await invites.inspect(pathParam(req, 'token')), pathParam(req, 'token')));
    } catch (err) {
      if (!isInviteProblem(err)) throw err;
      res.status(err.status).type('html').send(inviteProblemPage(PROBLEM_TITLES[err.code], err.message));
    }
  };
}

/** Two ways in: a new account (the email fixed when the invite names one), or logging in to an existing one. */
export function inviteFormPage({ invite, orgName }: InviteDetails, token: string): string {
  const org = escapeHtml(orgName);
  const fixedEmail = invite.email ? ` value="${escapeHtml(invite.email)}" readonly` : '';
  const hidden = (account: string) => `<input type="hidden" name="token" value="${escapeHtml(token)}">
  <input type="hidden" name="account" value="${account}">`;
  const until = invite.expiresAt.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return page({
    title: `Join ${orgName}`,
    body: `<h1>Join ${org} on Chatlet</h1>
<p>You are invited as ${ROLE_TEXT[invite.role]}. This link works once, until ${escapeHtml(until)}.</p>
<form data-action="invite" aria-label="Create your account" novalidate>
  ${hidden('new')}
  <label>Your name <input name="name" autocomplete="name" maxlength="200"></label>
  <label>Email <input name="email" type="email" autocomplete="email" required maxlength="254"${fixedEmail}></label>
  <label>Password <input name="password" type="password" autocomplete="new-password" required minlength="8" maxlength="200"></label>
  <p class="error" role="alert" hidden></p>
  <button type="submit">Create account and join</button>
</form>
<details>
<summary>I already have a Chatlet account</summary>
<form data-action="invite" aria-label="Log in and join" novalidate>
  ${hidden('existing')}
  <label>Email <input name="email" type="email" autocomplete="username" required maxlength="254"${fixedEmail}></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required maxlength="200"></label>
  <p class="error" role="alert" hidden></p>
  <button type="submit">Log in and join</button>
</form>
</details>`,
  });
}

/** What an expired, used, withdrawn or made-up link shows: what happened and what to do. */
export function inviteProblemPage(title: string, message: string): string {
  return page({
    title,
    script: false,
    body: `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p>Already a member? <a href="/login">Log in</a>.</p>`,
  });
}
