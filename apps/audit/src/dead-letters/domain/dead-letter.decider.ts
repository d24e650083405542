import { deadLetterDiscarded, deadLetterReplayed, newEvent, NewEvent } from '@mindhill/contracts';
import { Decider, DomainError } from '@mindhill/domain';
import { DeadLetterStatus } from './dead-letter';

export type DeadLetterState = {
  deadLetterId: string;
  service: string;
  status: DeadLetterStatus;
  dlqTopic: string;
  originalTopic: string | null;
  errorCode: string;
};

export type DeadLetterCommand = { kind: 'replay'; by: number | null } | { kind: 'discard'; by: number | null; reason: string | null };

// Where a replay publishes: the original topic, which a letter from an unknown source lacks.
export function replayTopic(state: DeadLetterState): string {
  if (!state.originalTopic) throw new DomainError('AUDIT.DEAD_LETTER_NOT_REPLAYABLE', 'The original topic is unknown', 'conflict');
  return state.originalTopic;
}

// An operator decides once: replay (the handler publishes the original bytes again first) or discard.
function decide(state: DeadLetterState, command: DeadLetterCommand): NewEvent[] {
  if (state.status !== 'pending') {
    throw new DomainError('AUDIT.DEAD_LETTER_RESOLVED', `This dead letter was already ${state.status}`, 'conflict');
  }
  const base = {
    deadLetterId: state.deadLetterId,
    service: state.service,
    originalTopic: state.originalTopic ?? state.dlqTopic,
    errorCode: state.errorCode,
    by: command.by,
  };
  if (command.kind === 'discard') return [newEvent(deadLetterDiscarded, { ...base, reason: command.reason })];
  replayTopic(state);
  return [newEvent(deadLetterReplayed, base)];
}

export const deadLetterDecider: Decider<DeadLetterState, DeadLetterCommand> = { decide };
