import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { ArchiveDataSourceHandler } from '../application/archive-data-source/archive-data-source.handler';
import { CreateDataSourceHandler } from '../application/create-data-source/create-data-source.handler';
import {
  CreateDataSourceBody,
  createDataSourceBody,
  ListDataSourcesQuery,
  listDataSourcesQuery,
  UpdateDataSourceBody,
  updateDataSourceBody,
} from '../application/data-source.dto';
import { DataSourcePage, ListDataSourcesQueryHandler } from '../application/list-data-sources/list-data-sources.query';
import { UpdateDataSourceHandler } from '../application/update-data-source/update-data-source.handler';
import { DataSourceView, findDataSource, toView, visibleDataSource } from '../infrastructure/data-source.repository';

@Controller('api/v1/data-sources')
export class DataSourcesHttpController {
  constructor(
    private readonly events: EventStore,
    private readonly create: CreateDataSourceHandler,
    private readonly update: UpdateDataSourceHandler,
    private readonly archiveHandler: ArchiveDataSourceHandler,
    private readonly list: ListDataSourcesQueryHandler,
  ) {}

  @Post()
  @HttpCode(201)
  post(@Body(new ZodValidationPipe(createDataSourceBody)) body: CreateDataSourceBody): Promise<DataSourceView> {
    return this.create.execute(body, requestEventContext());
  }

  @Get()
  find(@Query(new ZodValidationPipe(listDataSourcesQuery)) query: ListDataSourcesQuery): Promise<DataSourcePage> {
    return this.list.execute(query, requestEventContext().actor);
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<DataSourceView> {
    return toView(visibleDataSource(await findDataSource(this.events.readModel(), id), id, requestEventContext().actor));
  }

  @Patch(':id')
  patch(@Param('id') id: string, @Body(new ZodValidationPipe(updateDataSourceBody)) body: UpdateDataSourceBody): Promise<DataSourceView> {
    return this.update.execute(id, body, requestEventContext());
  }

  @Post(':id/archive')
  @HttpCode(200)
  archive(@Param('id') id: string): Promise<DataSourceView> {
    return this.archiveHandler.execute(id, requestEventContext());
  }
}
