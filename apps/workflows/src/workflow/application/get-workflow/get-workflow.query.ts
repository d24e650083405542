import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Who } from '@mindhill/platform';
import { lookupWorkflow } from '../../infrastructure/workflow-lookup.read-model';
import { toWorkflowView, visibleWorkflow } from '../../infrastructure/workflow.read-model';

// One workflow, if the caller may see it (the platform's hottest read: see workflow-lookup.read-model.ts).
@Injectable()
export class GetWorkflowQuery {
  constructor(private readonly orm: MikroORM) {}

  async execute(id: string, who: Who) {
    return toWorkflowView(visibleWorkflow(await lookupWorkflow(this.orm, id), who));
  }
}
