import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import {
  copyWorkflowBody,
  CreateWorkflowBody,
  createWorkflowBody,
  FromTemplateBody,
  fromTemplateBody,
  ListWorkflowsQuery,
  listWorkflowsQuery,
  UpdateWorkflowBody,
  updateWorkflowBody,
} from '../application/workflow.dto';
import { WorkflowCommands } from '../application/workflow.commands';
import { WorkflowQueries } from '../application/workflow.queries';

@Controller('api/v1')
export class WorkflowHttpController {
  constructor(
    private readonly commands: WorkflowCommands,
    private readonly queries: WorkflowQueries,
  ) {}

  @Post('workflows')
  @HttpCode(201)
  create(@Body(new ZodValidationPipe(createWorkflowBody)) body: CreateWorkflowBody) {
    return this.commands.create(body, requestEventContext());
  }

  @Get('workflows')
  list(@Query(new ZodValidationPipe(listWorkflowsQuery)) query: ListWorkflowsQuery) {
    return this.queries.list(query, requestEventContext().actor);
  }

  @Get('workflows/:id')
  get(@Param('id') id: string) {
    return this.queries.get(id, requestEventContext().actor);
  }

  @Patch('workflows/:id')
  update(@Param('id') id: string, @Body(new ZodValidationPipe(updateWorkflowBody)) body: UpdateWorkflowBody) {
    return this.commands.update(id, body, requestEventContext());
  }

  @Get('workflows/:id/versions')
  versions(@Param('id') id: string) {
    return this.queries.versions(id, requestEventContext().actor);
  }

  @Post('workflows/:id/activate')
  @HttpCode(200)
  activate(@Param('id') id: string) {
    return this.commands.changeStatus(id, 'active', requestEventContext());
  }

  @Post('workflows/:id/deactivate')
  @HttpCode(200)
  deactivate(@Param('id') id: string) {
    return this.commands.changeStatus(id, 'inactive', requestEventContext());
  }

  @Post('workflows/:id/archive')
  @HttpCode(200)
  archive(@Param('id') id: string) {
    return this.commands.changeStatus(id, 'archived', requestEventContext());
  }

  @Post('workflows/:id/copy')
  @HttpCode(201)
  copy(@Param('id') id: string, @Body(new ZodValidationPipe(copyWorkflowBody)) body: { name?: string }) {
    return this.commands.copy(id, body.name, requestEventContext());
  }

  @Get('workflow-templates')
  templates() {
    return this.queries.templates();
  }

  @Post('workflow-templates/:templateName/workflows')
  @HttpCode(201)
  fromTemplate(@Param('templateName') templateName: string, @Body(new ZodValidationPipe(fromTemplateBody)) body: FromTemplateBody) {
    return this.commands.createFromTemplate(templateName, body, requestEventContext());
  }
}
