import { Module } from '@nestjs/common';
import { GetDailyMetricsQuery } from './application/get-daily-metrics/get-daily-metrics.query';
import { GetMetricsSummaryQuery } from './application/get-metrics-summary/get-metrics-summary.query';
import { GetPerformanceMetricsQuery } from './application/get-performance-metrics/get-performance-metrics.query';
import { GetWorkflowStatisticsQuery } from './application/get-workflow-statistics/get-workflow-statistics.query';
import { StatisticsHttpController } from './interface/statistics.http-controller';

// Run statistics and metrics, read from the seed's function and views, scoped by the access rule
// over the workflow context's read model.
@Module({
  controllers: [StatisticsHttpController],
  providers: [GetWorkflowStatisticsQuery, GetMetricsSummaryQuery, GetDailyMetricsQuery, GetPerformanceMetricsQuery],
})
export class StatisticsModule {}
