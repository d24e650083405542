import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { ActivateWorkflowHandler } from '../application/activate-workflow/activate-workflow.handler';
import { ArchiveWorkflowHandler } from '../application/archive-workflow/archive-workflow.handler';
import { CopyWorkflowHandler } from '../application/copy-workflow/copy-workflow.handler';
import { CopyWorkflowBody, copyWorkflowBody } from '../application/copy-workflow/copy-workflow.schema';
import { CreateWorkflowHandler } from '../application/create-workflow/create-workflow.handler';
import { CreateWorkflowBody, createWorkflowBody } from '../application/create-workflow/create-workflow.schema';
import { CreateWorkflowFromTemplateHandler } from '../application/create-workflow-from-template/create-workflow-from-template.handler';
import { FromTemplateBody, fromTemplateBody } from '../application/create-workflow-from-template/create-workflow-from-template.schema';
import { DeactivateWorkflowHandler } from '../application/deactivate-workflow/deactivate-workflow.handler';
import { GetWorkflowQuery } from '../application/get-workflow/get-workflow.query';
import { ListWorkflowTemplatesQuery } from '../application/list-workflow-templates/list-workflow-templates.query';
import { ListWorkflowVersionsQuery } from '../application/list-workflow-versions/list-workflow-versions.query';
import { ListWorkflowsQuery } from '../application/list-workflows/list-workflows.query';
import { listWorkflowsAnswer, ListWorkflowsParams, listWorkflowsParams } from '../application/list-workflows/list-workflows.schema';
import { UpdateWorkflowHandler } from '../application/update-workflow/update-workflow.handler';
import { UpdateWorkflowBody, updateWorkflowBody } from '../application/update-workflow/update-workflow.schema';
import { workflowAnswer } from '../application/get-workflow/get-workflow.schema';
import { listWorkflowTemplatesAnswer } from '../application/list-workflow-templates/list-workflow-templates.schema';
import { listWorkflowVersionsAnswer } from '../application/list-workflow-versions/list-workflow-versions.schema';

@Controller('api/v1')
export class WorkflowHttpController {
  constructor(
    private readonly createWorkflow: CreateWorkflowHandler,
    private readonly updateWorkflow: UpdateWorkflowHandler,
    private readonly activateWorkflow: ActivateWorkflowHandler,
    private readonly deactivateWorkflow: DeactivateWorkflowHandler,
    private readonly archiveWorkflow: ArchiveWorkflowHandler,
    private readonly copyWorkflow: CopyWorkflowHandler,
    private readonly createFromTemplate: CreateWorkflowFromTemplateHandler,
    private readonly getWorkflow: GetWorkflowQuery,
    private readonly listWorkflows: ListWorkflowsQuery,
    private readonly listVersions: ListWorkflowVersionsQuery,
    private readonly listTemplates: ListWorkflowTemplatesQuery,
  ) {}

  @Post('workflows')
  @HttpCode(201)
  @Answer(workflowAnswer)
  create(@Body(new ZodValidationPipe(createWorkflowBody)) body: CreateWorkflowBody) {
    return this.createWorkflow.execute(body, requestEventContext());
  }

  @Get('workflows')
  @Answer(listWorkflowsAnswer)
  list(@Query(new ZodValidationPipe(listWorkflowsParams)) query: ListWorkflowsParams) {
    return this.listWorkflows.execute(query, requestEventContext().actor);
  }

  @Get('workflows/:id')
  @Answer(workflowAnswer)
  get(@Param('id') id: string) {
    return this.getWorkflow.execute(id, requestEventContext().actor);
  }

  @Patch('workflows/:id')
  @Answer(workflowAnswer)
  update(@Param('id') id: string, @Body(new ZodValidationPipe(updateWorkflowBody)) body: UpdateWorkflowBody) {
    return this.updateWorkflow.execute(id, body, requestEventContext());
  }

  @Get('workflows/:id/versions')
  @Answer(listWorkflowVersionsAnswer)
  versions(@Param('id') id: string) {
    return this.listVersions.execute(id, requestEventContext().actor);
  }

  @Post('workflows/:id/activate')
  @HttpCode(200)
  @Answer(workflowAnswer)
  activate(@Param('id') id: string) {
    return this.activateWorkflow.execute(id, requestEventContext());
  }

  @Post('workflows/:id/deactivate')
  @HttpCode(200)
  @Answer(workflowAnswer)
  deactivate(@Param('id') id: string) {
    return this.deactivateWorkflow.execute(id, requestEventContext());
  }

  @Post('workflows/:id/archive')
  @HttpCode(200)
  @Answer(workflowAnswer)
  archive(@Param('id') id: string) {
    return this.archiveWorkflow.execute(id, requestEventContext());
  }

  @Post('workflows/:id/copy')
  @HttpCode(201)
  @Answer(workflowAnswer)
  copy(@Param('id') id: string, @Body(new ZodValidationPipe(copyWorkflowBody)) body: CopyWorkflowBody) {
    return this.copyWorkflow.execute(id, body.name, requestEventContext());
  }

  @Get('workflow-templates')
  @Answer(listWorkflowTemplatesAnswer)
  templates() {
    return this.listTemplates.execute();
  }

  @Post('workflow-templates/:templateName/workflows')
  @HttpCode(201)
  @Answer(workflowAnswer)
  fromTemplate(@Param('templateName') templateName: string, @Body(new ZodValidationPipe(fromTemplateBody)) body: FromTemplateBody) {
    return this.createFromTemplate.execute(templateName, body, requestEventContext());
  }
}
