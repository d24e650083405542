import { Module } from '@nestjs/common';
import { RecordReadModelEventsJob } from './application/record-read-model-events/record-read-model-events.job';
import { ReadModelKafkaController } from './interface/read-model.kafka-controller';

// The read models reports draw from (executions, calculations, contents, workflow access, user
// roles), fed by other services' events in whole batches.
@Module({
  controllers: [ReadModelKafkaController],
  providers: [RecordReadModelEventsJob],
})
export class ReadModelsModule {}
