import { deadLetterDiscarded, deadLetterReplayed, newEvent } from '@mindhill/contracts';
import { deciderSpecification } from '@mindhill/testing/decider-specification';
import { deadLetterDecider, DeadLetterState, replayTopic } from './dead-letter.decider';

const pending: DeadLetterState = {
  deadLetterId: '5b0e2c9a-6d1f-4f4e-9c3a-1e2d3c4b5a69',
  service: 'workflows',
  status: 'pending',
  dlqTopic: 'workflows.dead-letter.v1',
  originalTopic: 'ingestion.stage.events.v1',
  errorCode: 'MESSAGE.NOT_JSON',
};
const base = {
  deadLetterId: pending.deadLetterId,
  service: 'workflows',
  originalTopic: 'ingestion.stage.events.v1',
  errorCode: 'MESSAGE.NOT_JSON',
  by: 1,
};

describe('dead letter decider', () => {
  const spec = deciderSpecification(deadLetterDecider);

  it('replays or discards a pending dead letter once', () => {
    spec
      .given(pending)
      .when({ kind: 'replay', by: 1 })
      .then([newEvent(deadLetterReplayed, base)]);
    spec
      .given(pending)
      .when({ kind: 'discard', by: 1, reason: 'poison' })
      .then([newEvent(deadLetterDiscarded, { ...base, reason: 'poison' })]);
  });

  it('refuses a second decision', () => {
    spec
      .given({ ...pending, status: 'replayed' })
      .when({ kind: 'replay', by: 1 })
      .thenThrows('AUDIT.DEAD_LETTER_RESOLVED');
    spec
      .given({ ...pending, status: 'discarded' })
      .when({ kind: 'discard', by: 1, reason: null })
      .thenThrows('AUDIT.DEAD_LETTER_RESOLVED');
  });

  it('cannot replay a letter whose original topic is unknown, but can discard it', () => {
    const unknownSource = { ...pending, originalTopic: null };
    spec.given(unknownSource).when({ kind: 'replay', by: 1 }).thenThrows('AUDIT.DEAD_LETTER_NOT_REPLAYABLE');
    spec
      .given(unknownSource)
      .when({ kind: 'discard', by: null, reason: null })
      .then([newEvent(deadLetterDiscarded, { ...base, originalTopic: 'workflows.dead-letter.v1', by: null, reason: null })]);
    expect(() => replayTopic(unknownSource)).toThrow('The original topic is unknown');
    expect(replayTopic(pending)).toBe('ingestion.stage.events.v1');
  });
});
