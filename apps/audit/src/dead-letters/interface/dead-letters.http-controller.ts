import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { discardDeadLetterBody, DiscardDeadLetterRequest } from '../application/discard-dead-letter/discard-dead-letter.schema';
import { DiscardDeadLetterHandler } from '../application/discard-dead-letter/discard-dead-letter.handler';
import { GetDeadLetterQuery } from '../application/get-dead-letter/get-dead-letter.query';
import {
  deadLetterAnswer,
  deadLetterPageAnswer,
  listDeadLettersQuery,
  ListDeadLettersRequest,
} from '../application/list-dead-letters/list-dead-letters.schema';
import { ListDeadLettersQuery } from '../application/list-dead-letters/list-dead-letters.query';
import { ReplayDeadLetterHandler } from '../application/replay-dead-letter/replay-dead-letter.handler';

// Admin-only: the dead letters of every service.
@Controller('api/v1/dead-letters')
export class DeadLettersHttpController {
  constructor(
    private readonly listDeadLetters: ListDeadLettersQuery,
    private readonly getDeadLetter: GetDeadLetterQuery,
    private readonly replayDeadLetter: ReplayDeadLetterHandler,
    private readonly discardDeadLetter: DiscardDeadLetterHandler,
  ) {}

  @Get()
  @Answer(deadLetterPageAnswer)
  list(@Query(new ZodValidationPipe(listDeadLettersQuery)) query: ListDeadLettersRequest) {
    return this.listDeadLetters.execute(query, requestEventContext());
  }

  @Get(':id')
  @Answer(deadLetterAnswer)
  get(@Param('id') id: string) {
    return this.getDeadLetter.execute(id, requestEventContext());
  }

  @Post(':id/replay')
  @HttpCode(200)
  @Answer(deadLetterAnswer)
  replay(@Param('id') id: string) {
    return this.replayDeadLetter.execute(id, requestEventContext());
  }

  @Post(':id/discard')
  @HttpCode(200)
  @Answer(deadLetterAnswer)
  discard(@Param('id') id: string, @Body(new ZodValidationPipe(discardDeadLetterBody)) body: DiscardDeadLetterRequest) {
    return this.discardDeadLetter.execute(id, body, requestEventContext());
  }
}
