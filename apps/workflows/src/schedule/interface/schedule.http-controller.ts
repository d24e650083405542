import { Controller, Get, Param, Query } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { GetWorkflowScheduleQuery } from '../application/get-workflow-schedule/get-workflow-schedule.query';
import { PreviewScheduleQuery } from '../application/preview-schedule/preview-schedule.query';
import {
  previewScheduleAnswer,
  PreviewScheduleParams,
  previewScheduleParams,
} from '../application/preview-schedule/preview-schedule.schema';
import { workflowScheduleAnswer } from '../application/get-workflow-schedule/get-workflow-schedule.schema';

// When a schedule will fire, so people can check a cron expression and its zone before relying
// on it (daylight-saving changes included).
@Controller('api/v1')
export class ScheduleHttpController {
  constructor(
    private readonly workflowSchedule: GetWorkflowScheduleQuery,
    private readonly previewSchedule: PreviewScheduleQuery,
  ) {}

  @Get('workflows/:id/schedule')
  @Answer(workflowScheduleAnswer)
  ofWorkflow(@Param('id') id: string) {
    return this.workflowSchedule.execute(id, requestEventContext().actor);
  }

  @Get('workflow-schedules/preview')
  @Answer(previewScheduleAnswer)
  preview(@Query(new ZodValidationPipe(previewScheduleParams)) query: PreviewScheduleParams) {
    return this.previewSchedule.execute(query);
  }
}
