/** Words the Team page shares between its parts: role names, and how a refusal reads. */
import { ApiError, type Role } from '../api.ts';

/** The name of each role as the Team page shows it. */
export const ROLE_LABELS: Record<Role, string> = { owner: 'Owner', editor: 'Editor', manager: 'Manager' };

/** What an owner reads when the server refused: its sentence (the last-owner rule, say), or that it did not answer. */
export function reason(err: unknown): string {
  return err instanceof ApiError ? err.message : 'The server did not answer. Check your connection and try again.';
}
