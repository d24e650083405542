import { Controller, Get, Param, Query } from '@nestjs/common';
import { requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { ListContentsQuery, listContentsQuery } from '../application/list-contents/list-contents.dto';
import { ContentPage, ContentView, ListContentsQueryHandler } from '../application/list-contents/list-contents.query';

@Controller('api/v1/contents')
export class ContentsHttpController {
  constructor(private readonly contents: ListContentsQueryHandler) {}

  @Get()
  list(@Query(new ZodValidationPipe(listContentsQuery)) query: ListContentsQuery): Promise<ContentPage> {
    return this.contents.list(query, requestEventContext().actor);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<ContentView> {
    return this.contents.get(id, requestEventContext().actor);
  }
}
