import { Module } from '@nestjs/common';
import { ListHistoryQueryHandler } from './application/list-history/list-history.query';
import { SearchContentsQueryHandler } from './application/search-contents/search-contents.query';
import { SearchHttpController } from './interface/search.http-controller';

// Full-text search over processed content and the processing history, scoped by the access rule.
@Module({
  controllers: [SearchHttpController],
  providers: [SearchContentsQueryHandler, ListHistoryQueryHandler],
})
export class SearchModule {}
