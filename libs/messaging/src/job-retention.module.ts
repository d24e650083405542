import { Body, Controller, DynamicModule, HttpCode, Inject, Module, Post } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { RETENTION_APPLIED, retentionReceiptSchema, RetentionService } from '@mindhill/contracts';
import { applyJobRetention, EventStore } from '@mindhill/persistence';
import { Answer, assertAdmin, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { LIVE_SETTINGS, LiveSettings } from './live-settings';

// The default of the job_retention_days setting, until an admin changes it.
export const DEFAULT_JOB_RETENTION_DAYS = 30;

// POST /api/v1/jobs/retention/<service>: a dry run unless asked otherwise.
export const jobRetentionBody = z.strictObject({ dryRun: z.boolean().default(true) });

// The thin route of the shared job-queue retention (applyJobRetention) for one service: an
// admin's request, done, cancelled and dead jobs older than job_retention_days (live setting).
export function jobRetentionModule(service: RetentionService): DynamicModule {
  @Controller(`api/v1/jobs/retention/${service}`)
  class JobRetentionHttpController {
    constructor(
      private readonly orm: MikroORM,
      private readonly events: EventStore,
      @Inject(LIVE_SETTINGS) private readonly live: LiveSettings,
    ) {}

    @Post()
    @HttpCode(200)
    @Answer(retentionReceiptSchema)
    run(@Body(new ZodValidationPipe(jobRetentionBody)) body: z.infer<typeof jobRetentionBody>) {
      const context = requestEventContext();
      assertAdmin(context.actor, 'Retention');
      const retentionDays = this.live.integer('job_retention_days', DEFAULT_JOB_RETENTION_DAYS);
      return applyJobRetention(
        this.orm,
        this.events,
        RETENTION_APPLIED[service],
        { dryRun: body.dryRun, trigger: 'request', retentionDays },
        context,
      );
    }
  }

  @Module({ controllers: [JobRetentionHttpController] })
  class JobRetentionModule {}

  return { module: JobRetentionModule };
}
