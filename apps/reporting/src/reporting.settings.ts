import { Provider } from '@nestjs/common';
import { LiveSettings } from '@mindhill/messaging';
import { ReportingConfig } from './reporting.config';

// The service's settings, as Nest providers. Live ones (the admin settings of the same name)
// are read at every use, so a change applies at once.

// How often a report schedule may fire (min_schedule_interval_seconds, shared with workflows):
// checked when a schedule is saved, and spacing the ticks when they fire.
export const SCHEDULE_LIMIT = Symbol('SCHEDULE_LIMIT');
export type ScheduleLimit = { readonly minScheduleIntervalSeconds: number };

export function reportingSettingsProviders(config: ReportingConfig, live: LiveSettings): Provider[] {
  return [
    {
      provide: SCHEDULE_LIMIT,
      useValue: {
        get minScheduleIntervalSeconds() {
          return live.integer('min_schedule_interval_seconds', config.REPORTING_MIN_SCHEDULE_INTERVAL_SECONDS);
        },
      } satisfies ScheduleLimit,
    },
  ];
}
