import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { CancelExecutionHandler } from '../application/cancel-execution/cancel-execution.handler';
import { GetExecutionQuery } from '../application/get-execution/get-execution.query';
import { ListAllExecutionsQuery } from '../application/list-all-executions/list-all-executions.query';
import { ListAllExecutionsParams, listAllExecutionsParams } from '../application/list-all-executions/list-all-executions.schema';
import { ReadExecutionEventsQuery } from '../application/read-execution-events/read-execution-events.query';
import { ReadExecutionEventsParams, readExecutionEventsParams } from '../application/read-execution-events/read-execution-events.schema';
import { ReadWorkflowEventsQuery } from '../application/read-workflow-events/read-workflow-events.query';
import { ReadWorkflowEventsParams, readWorkflowEventsParams } from '../application/read-workflow-events/read-workflow-events.schema';
import { ListExecutionsQuery } from '../application/list-executions/list-executions.query';
import { ListExecutionsParams, listExecutionsParams } from '../application/list-executions/list-executions.schema';
import { RerunExecutionHandler } from '../application/rerun-execution/rerun-execution.handler';
import { RerunExecutionBody, rerunExecutionBody } from '../application/rerun-execution/rerun-execution.schema';
import { StartExecutionHandler } from '../application/start-execution/start-execution.handler';
import { StartExecutionBody, startExecutionBody } from '../application/start-execution/start-execution.schema';
import { executionAnswer, executionPageAnswer } from '../application/get-execution/get-execution.schema';

@Controller('api/v1')
export class ExecutionHttpController {
  constructor(
    private readonly startExecution: StartExecutionHandler,
    private readonly cancelExecution: CancelExecutionHandler,
    private readonly listExecutions: ListExecutionsQuery,
    private readonly getExecution: GetExecutionQuery,
    private readonly listAllExecutions: ListAllExecutionsQuery,
    private readonly rerunExecution: RerunExecutionHandler,
    private readonly readExecutionEvents: ReadExecutionEventsQuery,
    private readonly readWorkflowEvents: ReadWorkflowEventsQuery,
  ) {}

  // 202: the run is accepted and started; its stages run asynchronously (poll GET /executions/:id).
  @Post('workflows/:id/executions')
  @HttpCode(202)
  @Answer(executionAnswer)
  start(@Param('id') id: string, @Body(new ZodValidationPipe(startExecutionBody)) body: StartExecutionBody) {
    return this.startExecution.execute(id, body, requestEventContext());
  }

  // The same start under the verb issue 13 names it with (a run with its inputs).
  @Post('workflows/:id/execute')
  @HttpCode(202)
  @Answer(executionAnswer)
  execute(@Param('id') id: string, @Body(new ZodValidationPipe(startExecutionBody)) body: StartExecutionBody) {
    return this.startExecution.execute(id, body, requestEventContext());
  }

  @Get('workflows/:id/executions')
  @Answer(executionPageAnswer)
  list(@Param('id') id: string, @Query(new ZodValidationPipe(listExecutionsParams)) query: ListExecutionsParams) {
    return this.listExecutions.execute(id, query, requestEventContext().actor);
  }

  // Across workflows: every run of the workflows the caller may see.
  @Get('executions')
  @Answer(executionPageAnswer)
  listAll(@Query(new ZodValidationPipe(listAllExecutionsParams)) query: ListAllExecutionsParams) {
    return this.listAllExecutions.execute(query, requestEventContext().actor);
  }

  @Get('executions/:id')
  @Answer(executionAnswer)
  get(@Param('id') id: string) {
    return this.getExecution.execute(id, requestEventContext().actor);
  }

  // 202 like a start: a new run linked to this one (rerunOf), from its failed stage by default.
  @Post('executions/:id/rerun')
  @HttpCode(202)
  @Answer(executionAnswer)
  rerun(@Param('id') id: string, @Body(new ZodValidationPipe(rerunExecutionBody)) body: RerunExecutionBody) {
    return this.rerunExecution.execute(id, body, requestEventContext());
  }

  // The history behind the gateway's live event streams (Server-Sent Events there, JSON here).
  @Get('executions/:id/events')
  executionEvents(@Param('id') id: string, @Query(new ZodValidationPipe(readExecutionEventsParams)) query: ReadExecutionEventsParams) {
    return this.readExecutionEvents.execute(id, query, requestEventContext().actor);
  }

  @Get('workflows/:id/events')
  workflowEvents(@Param('id') id: string, @Query(new ZodValidationPipe(readWorkflowEventsParams)) query: ReadWorkflowEventsParams) {
    return this.readWorkflowEvents.execute(id, query, requestEventContext().actor);
  }

  @Post('executions/:id/cancel')
  @HttpCode(200)
  @Answer(executionAnswer)
  cancel(@Param('id') id: string) {
    return this.cancelExecution.execute(id, requestEventContext());
  }
}
