import { Actor } from '@mindhill/contracts';
import { DomainError } from '@mindhill/domain';

// The signed-in user behind a request (the gateway's actor), or a coded refusal.
export function signedInUserId(actor: Pick<Actor, 'userId'>): string {
  if (!actor.userId) throw new DomainError('AUTH.UNAUTHENTICATED', 'Sign in first', 'unauthorized');
  return actor.userId;
}
