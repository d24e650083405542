import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { ArchiveDataSourceHandler } from '../application/archive-data-source/archive-data-source.handler';
import { CreateDataSourceHandler } from '../application/create-data-source/create-data-source.handler';
import { CreateDataSourceBody, createDataSourceBody } from '../application/create-data-source/create-data-source.schema';
import { GetDataSourceQueryHandler } from '../application/get-data-source/get-data-source.query';
import { DataSourcePage, ListDataSourcesQueryHandler } from '../application/list-data-sources/list-data-sources.query';
import { ListDataSourcesQuery, listDataSourcesQuery } from '../application/list-data-sources/list-data-sources.schema';
import { UpdateDataSourceHandler } from '../application/update-data-source/update-data-source.handler';
import { UpdateDataSourceBody, updateDataSourceBody } from '../application/update-data-source/update-data-source.schema';
import { DataSourceView } from '../infrastructure/data-source.repository';
import { dataSourceAnswer, dataSourcePageAnswer } from '../application/get-data-source/get-data-source.schema';

@Controller('api/v1/data-sources')
export class DataSourcesHttpController {
  constructor(
    private readonly create: CreateDataSourceHandler,
    private readonly update: UpdateDataSourceHandler,
    private readonly archiveHandler: ArchiveDataSourceHandler,
    private readonly list: ListDataSourcesQueryHandler,
    private readonly one: GetDataSourceQueryHandler,
  ) {}

  @Post()
  @HttpCode(201)
  @Answer(dataSourceAnswer)
  post(@Body(new ZodValidationPipe(createDataSourceBody)) body: CreateDataSourceBody): Promise<DataSourceView> {
    return this.create.execute(body, requestEventContext());
  }

  @Get()
  @Answer(dataSourcePageAnswer)
  find(@Query(new ZodValidationPipe(listDataSourcesQuery)) query: ListDataSourcesQuery): Promise<DataSourcePage> {
    return this.list.execute(query, requestEventContext().actor);
  }

  @Get(':id')
  @Answer(dataSourceAnswer)
  get(@Param('id') id: string): Promise<DataSourceView> {
    return this.one.execute(id, requestEventContext().actor);
  }

  @Patch(':id')
  @Answer(dataSourceAnswer)
  patch(@Param('id') id: string, @Body(new ZodValidationPipe(updateDataSourceBody)) body: UpdateDataSourceBody): Promise<DataSourceView> {
    return this.update.execute(id, body, requestEventContext());
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Answer(dataSourceAnswer)
  archive(@Param('id') id: string): Promise<DataSourceView> {
    return this.archiveHandler.execute(id, requestEventContext());
  }
}
