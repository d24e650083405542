import { Actor } from '@mindhill/contracts';
import { assertAdmin } from '@mindhill/domain';
import { userErrors } from './user.errors';

// Creating, demoting, deactivating and deleting accounts: signed in, and an admin. The gateway
// allows admins only; the rule is checked again here so that it holds whoever calls. (The
// message has always named settings administration; clients act on the code.)
export function assertUserAdministrator(actor: Actor): void {
  if (!actor.userId) throw userErrors.unauthenticated();
  assertAdmin(actor, 'Settings administration');
}
