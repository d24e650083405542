import { Controller, Get, Query } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { listHistoryAnswer, ListHistoryQuery, listHistoryQuery } from '../application/list-history/list-history.schema';
import { ListHistoryQueryHandler } from '../application/list-history/list-history.query';
import { SearchContentsQuery, searchContentsQuery, searchPageAnswer } from '../application/search-contents/search-contents.schema';
import { SearchContentsQueryHandler, SearchPage } from '../application/search-contents/search-contents.query';

@Controller('api/v1')
export class SearchHttpController {
  constructor(
    private readonly search: SearchContentsQueryHandler,
    private readonly history: ListHistoryQueryHandler,
  ) {}

  @Get('contents/search')
  @Answer(searchPageAnswer)
  find(@Query(new ZodValidationPipe(searchContentsQuery, 'PROCESSING.INVALID_QUERY')) query: SearchContentsQuery): Promise<SearchPage> {
    return this.search.execute(query, requestEventContext().actor);
  }

  @Get('processing-history')
  @Answer(listHistoryAnswer)
  list(@Query(new ZodValidationPipe(listHistoryQuery)) query: ListHistoryQuery): Promise<{ items: Record<string, unknown>[] }> {
    return this.history.execute(query, requestEventContext().actor);
  }
}
