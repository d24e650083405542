import { Module } from '@nestjs/common';
import { ActivateWorkflowHandler } from './application/activate-workflow/activate-workflow.handler';
import { ArchiveWorkflowHandler } from './application/archive-workflow/archive-workflow.handler';
import { CopyWorkflowHandler } from './application/copy-workflow/copy-workflow.handler';
import { CreateWorkflowHandler } from './application/create-workflow/create-workflow.handler';
import { CreateWorkflowFromTemplateHandler } from './application/create-workflow-from-template/create-workflow-from-template.handler';
import { DeactivateWorkflowHandler } from './application/deactivate-workflow/deactivate-workflow.handler';
import { GetWorkflowQuery } from './application/get-workflow/get-workflow.query';
import { ListWorkflowTemplatesQuery } from './application/list-workflow-templates/list-workflow-templates.query';
import { ListWorkflowVersionsQuery } from './application/list-workflow-versions/list-workflow-versions.query';
import { ListWorkflowsQuery } from './application/list-workflows/list-workflows.query';
import { RecordDataSourceAccessJob } from './application/record-data-source-access/record-data-source-access.job';
import { SeedTemplatesJob } from './application/seed-templates/seed-templates.job';
import { UpdateWorkflowHandler } from './application/update-workflow/update-workflow.handler';
import { DataSourceAccessKafkaController } from './interface/data-source-access.kafka-controller';
import { WorkflowHttpController } from './interface/workflow.http-controller';

// Workflow definitions: create, change, share, (de)activate, archive, copy, templates, and the
// data-source grants they are checked against. Plans schedule ticks through the schedule
// context's scheduler (a plain function, in the same transaction).
@Module({
  controllers: [WorkflowHttpController, DataSourceAccessKafkaController],
  providers: [
    CreateWorkflowHandler,
    UpdateWorkflowHandler,
    ActivateWorkflowHandler,
    DeactivateWorkflowHandler,
    ArchiveWorkflowHandler,
    CopyWorkflowHandler,
    CreateWorkflowFromTemplateHandler,
    GetWorkflowQuery,
    ListWorkflowsQuery,
    ListWorkflowVersionsQuery,
    ListWorkflowTemplatesQuery,
    SeedTemplatesJob,
    RecordDataSourceAccessJob,
  ],
})
export class WorkflowModule {}
