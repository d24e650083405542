import { Module } from '@nestjs/common';
import { CollectDeadLettersJob } from './application/collect-dead-letters/collect-dead-letters.job';
import { DiscardDeadLetterHandler } from './application/discard-dead-letter/discard-dead-letter.handler';
import { GetDeadLetterQuery } from './application/get-dead-letter/get-dead-letter.query';
import { ListDeadLettersQuery } from './application/list-dead-letters/list-dead-letters.query';
import { ReplayDeadLetterHandler } from './application/replay-dead-letter/replay-dead-letter.handler';
import { DeadLetterMetrics } from './infrastructure/dead-letter.metrics';
import { DeadLettersHttpController } from './interface/dead-letters.http-controller';
import { DeadLettersKafkaController } from './interface/dead-letters.kafka-controller';

// Every service's dead letters: collected into dead_letters, listed, replayed or discarded by
// admins. The Kafka side is a raw consumer started by a hook (a provider, not a Nest transport);
// the entity and the projector are registered with the ORM and the event store, in the backbone.
@Module({
  controllers: [DeadLettersHttpController],
  providers: [
    DeadLettersKafkaController,
    CollectDeadLettersJob,
    DeadLetterMetrics,
    ListDeadLettersQuery,
    GetDeadLetterQuery,
    ReplayDeadLetterHandler,
    DiscardDeadLetterHandler,
  ],
})
export class DeadLettersModule {}
