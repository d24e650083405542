import { Module } from '@nestjs/common';
import { ForgetRemovedContentsJob } from './application/forget-removed-contents/forget-removed-contents.job';
import { RecordFetchedContentJob } from './application/record-fetched-content/record-fetched-content.job';
import { ContentArrivals } from './infrastructure/content-arrivals';
import { ContentFeedKafkaController } from './interface/content-feed.kafka-controller';

// The read model of ingestion's fetched content, fed in whole batches. Exports the in-process
// signal stage jobs wait on for their input to arrive.
@Module({
  controllers: [ContentFeedKafkaController],
  providers: [ContentArrivals, RecordFetchedContentJob, ForgetRemovedContentsJob],
  exports: [ContentArrivals],
})
export class ContentFeedModule {}
