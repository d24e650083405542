import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { collectedDeadLetter, DeadLetterMessage } from '../../domain/dead-letter';
import { DeadLetter } from '../../infrastructure/dead-letter.entity';

// Stores a batch read from the dead-letter topics, one row per message. Insert or ignore on the
// message's place in Kafka (one statement): a re-read of the topics adds nothing twice.
@Injectable()
export class CollectDeadLettersJob {
  constructor(private readonly orm: MikroORM) {}

  async execute(batch: readonly { service: string; message: DeadLetterMessage }[]): Promise<void> {
    if (batch.length === 0) return;
    const now = new Date();
    await this.orm.em
      .fork()
      .createQueryBuilder(DeadLetter)
      .insert(batch.map(({ service, message }) => collectedDeadLetter(service, message, now)))
      .onConflict(['dlqTopic', 'dlqPartition', 'dlqOffset'])
      .ignore()
      .execute();
  }
}
