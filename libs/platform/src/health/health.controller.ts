import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { LIVENESS_ANSWER } from './liveness';
import { READINESS_CHECKS, ReadinessCheck, withTimeout } from './readiness';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  // Liveness: the process answers. Nothing external, so a broken dependency never restarts pods.
  // Served without Nest by serveLivenessWithoutNest (liveness.ts), with this same answer.
  @Get('live')
  @HealthCheck()
  live() {
    return LIVENESS_ANSWER;
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(
      this.checks.map((c) => async () => {
        const indicator = this.indicators.check(c.name);
        try {
          const result = await withTimeout(c.check(), 2_000, c.name);
          return result.ok ? indicator.up(result.details) : indicator.down(result.details);
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
      }),
    );
  }
}
