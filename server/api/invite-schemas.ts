import { z } from 'zod';
import { DisplayName, Email, LoginPassword, Password, RoleName } from './schemas.ts';

// Bodies and answers of the invite routes (`invites-router.ts`).

export const CreateInviteBody = z.object({
  email: Email.optional().describe('When set, only this address can accept, and the invite page shows it fixed'),
  role: RoleName,
  expiresInDays: z
    .number({ error: 'Enter a number of days.' })
    .int()
    .min(1, 'At least 1 day.')
    .max(90, 'At most 90 days.')
    .optional()
    .describe('Default 7'),
});

const InviteToken = z.string({ error: 'This invite link is not valid.' }).min(1).max(200);

/** Accepting with a new account (a password of 8 or more characters) or with the account one has (its password). */
export const AcceptInviteBody = z.discriminatedUnion(
  'account',
  [
    z.object({
      token: InviteToken,
      account: z.literal('new'),
      email: Email.optional().describe('Required unless the invite names one'),
      name: DisplayName.optional(),
      password: Password,
    }),
    z.object({ token: InviteToken, account: z.literal('existing'), email: Email, password: LoginPassword }),
  ],
  { error: 'Say whether you create an account ("new") or log in to yours ("existing").' },
);

export const InviteView = z.object({
  id: z.string(),
  email: z.string().nullable(),
  role: z.enum(['owner', 'editor', 'manager']),
  createdAt: z.string(),
  expiresAt: z.string(),
  createdBy: z.string().nullable(),
});
export const InviteList = z.object({ invites: z.array(InviteView) });
export const InviteCreated = InviteView.extend({
  url: z.string().describe('The link to send: shown this once, never again'),
});
