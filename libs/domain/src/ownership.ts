import { Actor } from '@mindhill/contracts';
import { DomainError } from './domain-error';

// "A user manages what they own": changing a resource needs its creator or an admin. Work the
// platform does by itself (schedules, retention) runs as the system actor.
export function assertCanChange(ownerNumber: number | null, actor: Actor, what: string): void {
  if (actor.role === 'admin' || actor.role === 'system') return;
  if (ownerNumber !== null && actor.userNumber !== null && actor.userNumber === ownerNumber) return;
  throw new DomainError('AUTH.NOT_OWNER', `Only the owner of this ${what} or an admin may change it`, 'forbidden');
}

// Admin-only operations; the gateway enforces the same rule, checked again where it is done.
export function assertAdmin(actor: Pick<Actor, 'role'> | undefined, what: string): void {
  if (actor?.role !== 'admin') throw new DomainError('AUTH.FORBIDDEN', `${what} is for admins`, 'forbidden');
}
