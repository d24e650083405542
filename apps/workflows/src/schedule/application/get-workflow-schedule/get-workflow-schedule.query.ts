import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { requireWorkflow, visibleWorkflow } from '../../../workflow/infrastructure/workflow.read-model';
import { nextFireTimes } from '../../domain/schedule';

// A workflow's schedule and its next five fire times; `active` when its ticks are planned.
@Injectable()
export class GetWorkflowScheduleQuery {
  constructor(private readonly events: EventStore) {}

  async execute(id: string, who: Who) {
    const w = visibleWorkflow(await requireWorkflow(this.events.readModel(), id), who);
    const active = w.status === 'active' && !w.is_template && Boolean(w.schedule_cron);
    return {
      cron: w.schedule_cron,
      timezone: w.schedule_timezone,
      active,
      nextFireTimes: w.schedule_cron ? nextFireTimes(w.schedule_cron, w.schedule_timezone, new Date(), 5).map((d) => d.toISOString()) : [],
    };
  }
}
