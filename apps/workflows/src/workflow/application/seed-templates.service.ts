import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { getLogger, systemContext } from '@mindhill/platform';
import { SEED_TEMPLATES } from '../domain/templates';
import { WorkflowCommands } from './workflow.commands';

// First start: the seed's templates are created, as events like any workflow.
@Injectable()
export class SeedTemplatesService implements OnApplicationBootstrap {
  private readonly logger = getLogger('templates');

  constructor(
    private readonly events: EventStore,
    private readonly commands: WorkflowCommands,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const template of SEED_TEMPLATES) {
      const [found] = await this.events
        .readModel()
        .execute<unknown[]>('SELECT 1 FROM workflows WHERE is_template = true AND template_name = ?', [template.templateName]);
      if (found) continue;
      try {
        const { templateName, ...definition } = template;
        await this.commands.create(
          {
            ...definition,
            description: definition.description ?? undefined,
            scheduleCron: undefined,
            category: definition.category ?? undefined,
            status: 'active',
          },
          systemContext(),
          { template: templateName },
        );
        this.logger.info({ templateName }, 'Created workflow template');
      } catch (error) {
        // Another replica created it at the same moment: the unique template index decided.
        if ((error as { code?: string }).code !== '23505') throw error;
      }
    }
  }
}
