import { Actor } from '@mindhill/contracts';
import { assertAdmin, DomainError } from '@mindhill/domain';

// Settings are for a signed-in admin: no user first, then no admin.
export function requireAdmin(context: { actor: Actor }): void {
  if (!context.actor.userId) throw new DomainError('AUTH.UNAUTHENTICATED', 'Sign in first', 'unauthorized');
  assertAdmin(context.actor, 'Settings administration');
}
