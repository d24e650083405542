import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { EventStore } from '@mindhill/persistence';
import { requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { requireWorkflow, visibleWorkflow } from '../../workflow/infrastructure/workflow.read-model';
import { ExecutionCommands } from '../application/execution.commands';
import { listExecutions, requireExecution, stagesOf, toExecutionView, visibleExecution } from '../infrastructure/execution.read-model';

const triggerBody = z.strictObject({
  triggeredBy: z.enum(['manual', 'api']).default('manual'),
  priority: z.number().int().min(-100).max(100).default(0),
});
const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,9}$/, 'is not a cursor this API returned')
    .optional(),
});

@Controller('api/v1')
export class ExecutionHttpController {
  constructor(
    private readonly commands: ExecutionCommands,
    private readonly events: EventStore,
  ) {}

  // 202: the run is accepted and started; its stages run asynchronously (poll GET /executions/:id).
  @Post('workflows/:id/executions')
  @HttpCode(202)
  trigger(@Param('id') id: string, @Body(new ZodValidationPipe(triggerBody)) body: z.infer<typeof triggerBody>) {
    return this.commands.trigger(id, body, requestEventContext());
  }

  @Get('workflows/:id/executions')
  async list(@Param('id') id: string, @Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>) {
    const em = this.events.readModel();
    const workflow = visibleWorkflow(await requireWorkflow(em, id), requestEventContext().actor);
    const rows = await listExecutions(em, workflow.id, query.limit + 1, query.cursor ? Number(query.cursor) : undefined);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((r) => toExecutionView(r)),
      nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.run_number) : null,
    };
  }

  @Get('executions/:id')
  async get(@Param('id') id: string) {
    const em = this.events.readModel();
    const execution = visibleExecution(await requireExecution(em, id), requestEventContext().actor);
    return toExecutionView(execution, await stagesOf(em, execution.id));
  }

  @Post('executions/:id/cancel')
  @HttpCode(200)
  cancel(@Param('id') id: string) {
    return this.commands.cancel(id, requestEventContext());
  }
}
