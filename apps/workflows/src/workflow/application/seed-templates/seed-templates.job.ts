import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { getLogger, systemContext } from '@mindhill/platform';
import { SEED_TEMPLATES } from '../../domain/templates';
import { CreateWorkflowHandler } from '../create-workflow/create-workflow.handler';

// First start: the seed's templates are created, as events like any workflow.
@Injectable()
export class SeedTemplatesJob implements OnApplicationBootstrap {
  private readonly logger = getLogger('templates');

  constructor(
    private readonly events: EventStore,
    private readonly createWorkflow: CreateWorkflowHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const { templateName, ...definition } of SEED_TEMPLATES) {
      const [found] = await this.events
        .readModel()
        .execute<unknown[]>('SELECT 1 FROM workflows WHERE is_template = true AND template_name = ?', [templateName]);
      if (found) continue;
      try {
        await this.createWorkflow.execute({ ...definition, status: 'active' }, systemContext(), templateName);
        this.logger.info({ templateName }, 'Created workflow template');
      } catch (error) {
        // Another replica created it at the same moment: the unique template index decided.
        if ((error as { code?: string }).code !== '23505') throw error;
      }
    }
  }
}
