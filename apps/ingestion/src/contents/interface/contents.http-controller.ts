import { Controller, Get, Param, Query } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { GetContentQueryHandler } from '../application/get-content/get-content.query';
import { ContentPage, ListContentsQueryHandler } from '../application/list-contents/list-contents.query';
import { ListContentsQuery, listContentsQuery } from '../application/list-contents/list-contents.schema';
import { ContentView } from '../infrastructure/content.read-model';
import { contentAnswer, contentPageAnswer } from '../application/get-content/get-content.schema';

@Controller('api/v1/contents')
export class ContentsHttpController {
  constructor(
    private readonly contents: ListContentsQueryHandler,
    private readonly content: GetContentQueryHandler,
  ) {}

  @Get()
  @Answer(contentPageAnswer)
  list(@Query(new ZodValidationPipe(listContentsQuery)) query: ListContentsQuery): Promise<ContentPage> {
    return this.contents.execute(query, requestEventContext().actor);
  }

  @Get(':id')
  @Answer(contentAnswer)
  get(@Param('id') id: string): Promise<ContentView> {
    return this.content.execute(id, requestEventContext().actor);
  }
}
