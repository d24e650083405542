import { streamIds } from '@mindhill/contracts';
import { EventContext, EventTransaction, NewEvent } from '@mindhill/persistence';

// Appends a decision to the user's stream at its current version; a decision of no events
// writes nothing.
export async function appendToUser(
  tx: EventTransaction,
  userId: string,
  events: readonly NewEvent[],
  context: EventContext,
): Promise<void> {
  await tx.appendAtCurrent(streamIds.user(userId), events, context);
}
