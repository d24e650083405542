import { streamIds } from '@mindhill/contracts';
import { EventContext, EventTransaction, NewEvent } from '@mindhill/persistence';

// Appends a decision to the session's stream at its current version; no events, no write.
export async function appendToSession(
  tx: EventTransaction,
  sessionId: string,
  events: readonly NewEvent[],
  context: EventContext,
): Promise<void> {
  await tx.appendAtCurrent(streamIds.session(sessionId), events, context);
}
