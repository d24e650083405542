import { collectedDeadLetter, replayHeaders } from './dead-letter';

const now = new Date('2026-12-06T10:00:00.000Z');

describe('dead letters', () => {
  it('reads the dlq-* headers of a dead-lettered message', () => {
    const headers = {
      'event-id': 'e-1',
      'dlq-consumer-group': 'mindhill.workflows.progress',
      'dlq-original-topic': 'ingestion.stage.events.v1',
      'dlq-original-partition': '2',
      'dlq-original-offset': '41',
      'dlq-error-code': 'MESSAGE.NOT_JSON',
      'dlq-error-message': 'Unexpected token',
      'dlq-attempts': '3',
      'dlq-failed-at': '2026-12-06T09:59:00.000Z',
    };
    const value = Buffer.from('not { json');
    expect(
      collectedDeadLetter('workflows', { topic: 'workflows.dead-letter.v1', partition: 0, offset: '7', key: 'k', value, headers }, now),
    ).toEqual({
      service: 'workflows',
      dlqTopic: 'workflows.dead-letter.v1',
      dlqPartition: 0,
      dlqOffset: '7',
      consumerGroup: 'mindhill.workflows.progress',
      originalTopic: 'ingestion.stage.events.v1',
      originalPartition: 2,
      originalOffset: '41',
      messageKey: 'k',
      messageValue: value,
      headers,
      errorCode: 'MESSAGE.NOT_JSON',
      errorMessage: 'Unexpected token',
      attempts: 3,
      failedAt: new Date('2026-12-06T09:59:00.000Z'),
    });
  });

  it('fills what a foreign producer left out', () => {
    expect(
      collectedDeadLetter('audit', { topic: 'audit.dead-letter.v1', partition: 1, offset: '0', key: null, value: null, headers: {} }, now),
    ).toMatchObject({
      consumerGroup: null,
      originalTopic: null,
      originalPartition: null,
      originalOffset: null,
      errorCode: 'UNKNOWN',
      errorMessage: null,
      attempts: 0,
      failedAt: now,
    });
  });

  it('replays with the original headers only, marked with the dead letter it came from', () => {
    expect(replayHeaders({ 'event-id': 'e-1', 'dlq-error-code': 'X', 'dlq-attempts': '3' }, 'd-1')).toEqual({
      'event-id': 'e-1',
      'dlq-replayed-from': 'd-1',
    });
  });
});
