import type { Role } from '../store/types.ts';

/** Who a request acts as. Every API handler decides from this alone, so sessions and tokens look the same to routes. */
export interface Actor {
  orgId: string;
  role: Role;
  /** Absent for the admin token and org-wide API tokens. */
  userId?: string;
  /** How the caller proved it: the bootstrap admin token, a stored API token, later a session cookie. */
  via: 'admin-token' | 'api-token' | 'session';
}
