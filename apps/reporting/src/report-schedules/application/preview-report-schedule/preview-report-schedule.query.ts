import { Inject, Injectable } from '@nestjs/common';
import { nextFireTimes } from '@mindhill/domain';
import { SCHEDULE_LIMIT, ScheduleLimit } from '../../../reporting.settings';
import { assertValidReportSchedule } from '../../domain/report-schedule-rules';
import { PreviewReportScheduleParams } from './preview-report-schedule.schema';

// When a report schedule would fire, so people can check a cron expression and its zone before
// saving it (daylight-saving changes included). Refused exactly as saving it would be.
@Injectable()
export class PreviewReportScheduleQuery {
  constructor(@Inject(SCHEDULE_LIMIT) private readonly limit: ScheduleLimit) {}

  execute(query: PreviewReportScheduleParams, now = new Date()) {
    assertValidReportSchedule(
      { isScheduled: true, scheduleCron: query.cron, scheduleTimezone: query.timezone },
      { now: now.toISOString(), minScheduleIntervalSeconds: this.limit.minScheduleIntervalSeconds, intervalChecked: true },
    );
    return {
      cron: query.cron,
      timezone: query.timezone,
      nextFireTimes: nextFireTimes(query.cron, query.timezone, now, query.count).map((d) => d.toISOString()),
    };
  }
}
