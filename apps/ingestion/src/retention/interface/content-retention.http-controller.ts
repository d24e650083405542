import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { RemoveExpiredContentsHandler } from '../application/remove-expired-contents/remove-expired-contents.handler';
import {
  RemoveExpiredContentsBody,
  removeExpiredContentsBody,
} from '../application/remove-expired-contents/remove-expired-contents.schema';
import { retentionReceiptSchema } from '@mindhill/contracts';

@Controller('api/v1/contents/retention')
export class ContentRetentionHttpController {
  constructor(private readonly removeExpiredContents: RemoveExpiredContentsHandler) {}

  @Post()
  @HttpCode(200)
  @Answer(retentionReceiptSchema)
  run(@Body(new ZodValidationPipe(removeExpiredContentsBody)) body: RemoveExpiredContentsBody) {
    return this.removeExpiredContents.execute(body, requestEventContext());
  }
}
