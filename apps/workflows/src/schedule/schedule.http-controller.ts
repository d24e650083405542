import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { EventStore } from '@mindhill/persistence';
import { requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { requireWorkflow, visibleWorkflow } from '../workflow/infrastructure/workflow.read-model';
import { assertValidSchedule, nextFireTimes } from './schedule';

const previewQuery = z.strictObject({
  cron: z.string().trim().min(1).max(100),
  timezone: z.string().trim().min(1).max(64).default('UTC'),
  count: z.coerce.number().int().min(1).max(50).default(5),
});

// When a schedule will fire, so people can check a cron expression and its zone before relying
// on it (daylight-saving changes included).
@Controller('api/v1')
export class ScheduleHttpController {
  constructor(private readonly events: EventStore) {}

  @Get('workflows/:id/schedule')
  async ofWorkflow(@Param('id') id: string) {
    const w = visibleWorkflow(await requireWorkflow(this.events.readModel(), id), requestEventContext().actor);
    const active = w.status === 'active' && !w.is_template && Boolean(w.schedule_cron);
    return {
      cron: w.schedule_cron,
      timezone: w.schedule_timezone,
      active,
      nextFireTimes: w.schedule_cron ? nextFireTimes(w.schedule_cron, w.schedule_timezone, new Date(), 5).map((d) => d.toISOString()) : [],
    };
  }

  @Get('workflow-schedules/preview')
  preview(@Query(new ZodValidationPipe(previewQuery)) query: z.infer<typeof previewQuery>) {
    assertValidSchedule(query.cron, query.timezone);
    return {
      cron: query.cron,
      timezone: query.timezone,
      nextFireTimes: nextFireTimes(query.cron, query.timezone, new Date(), query.count).map((d) => d.toISOString()),
    };
  }
}
