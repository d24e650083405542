import { Controller, Get, Query } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { fetchingPageAnswer, ListFetchingsQuery, listFetchingsQuery } from '../application/list-fetchings/list-fetchings.schema';
import { FetchingPage, ListFetchingsQueryHandler } from '../application/list-fetchings/list-fetchings.query';

@Controller('api/v1/fetchings')
export class FetchingsHttpController {
  constructor(private readonly fetchings: ListFetchingsQueryHandler) {}

  @Get()
  @Answer(fetchingPageAnswer)
  list(@Query(new ZodValidationPipe(listFetchingsQuery)) query: ListFetchingsQuery): Promise<FetchingPage> {
    return this.fetchings.execute(query, requestEventContext().actor);
  }
}
