import { Injectable } from '@nestjs/common';
import { assertValidSchedule, nextFireTimes } from '../../domain/schedule';
import { PreviewScheduleParams } from './preview-schedule.schema';

// When a cron expression would fire in a zone, so people can check it before relying on it
// (daylight-saving changes included).
@Injectable()
export class PreviewScheduleQuery {
  execute(query: PreviewScheduleParams, now = new Date()) {
    assertValidSchedule(query.cron, query.timezone, now);
    return {
      cron: query.cron,
      timezone: query.timezone,
      nextFireTimes: nextFireTimes(query.cron, query.timezone, now, query.count).map((d) => d.toISOString()),
    };
  }
}
