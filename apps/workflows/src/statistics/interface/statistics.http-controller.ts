import { Controller, Get, Param, Query } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { GetDailyMetricsQuery } from '../application/get-daily-metrics/get-daily-metrics.query';
import { GetMetricsSummaryQuery } from '../application/get-metrics-summary/get-metrics-summary.query';
import { GetPerformanceMetricsQuery } from '../application/get-performance-metrics/get-performance-metrics.query';
import { GetWorkflowStatisticsQuery } from '../application/get-workflow-statistics/get-workflow-statistics.query';
import {
  metricsViewAnswer,
  workflowStatisticsAnswer,
  WorkflowStatisticsParams,
  workflowStatisticsParams,
} from '../application/get-workflow-statistics/get-workflow-statistics.schema';

// The seed's statistics function and views (numbers as JSON numbers, camelCase names). Admins get the views as
// they are; everyone else the same figures over the workflows they may see only.
@Controller('api/v1')
export class StatisticsHttpController {
  constructor(
    private readonly workflowStatistics: GetWorkflowStatisticsQuery,
    private readonly metricsSummary: GetMetricsSummaryQuery,
    private readonly dailyMetrics: GetDailyMetricsQuery,
    private readonly performanceMetrics: GetPerformanceMetricsQuery,
  ) {}

  @Get('workflows/:id/statistics')
  @Answer(workflowStatisticsAnswer)
  statistics(@Param('id') id: string, @Query(new ZodValidationPipe(workflowStatisticsParams)) query: WorkflowStatisticsParams) {
    return this.workflowStatistics.execute(id, query, requestEventContext().actor);
  }

  @Get('workflow-metrics/summary')
  @Answer(metricsViewAnswer)
  summary() {
    return this.metricsSummary.execute(requestEventContext().actor);
  }

  @Get('workflow-metrics/daily')
  @Answer(metricsViewAnswer)
  daily() {
    return this.dailyMetrics.execute(requestEventContext().actor);
  }

  @Get('workflow-metrics/performance')
  @Answer(metricsViewAnswer)
  performance() {
    return this.performanceMetrics.execute(requestEventContext().actor);
  }
}
