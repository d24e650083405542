import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { z } from 'zod';
import { requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { SETTING_ENVIRONMENTS, SettingsHandlers } from '../application/settings.handlers';

const listQuery = z.strictObject({
  category: z.string().min(1).max(50).optional(),
  environment: z.enum(SETTING_ENVIRONMENTS).optional(),
});
const changeBody = z.strictObject({
  value: z.unknown().refine((v) => v !== undefined, 'value is required'),
  environment: z.enum(SETTING_ENVIRONMENTS).optional(),
  reason: z.string().trim().min(1).max(500).optional(),
});
const settingKey = z.string().regex(/^[a-z0-9_.-]{1,100}$/);

@Controller('api/v1/settings')
export class SettingsHttpController {
  constructor(private readonly settings: SettingsHandlers) {}

  @Get()
  list(@Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>) {
    return this.settings.list(requestEventContext(), query);
  }

  @Get('public')
  listPublic() {
    return this.settings.listPublic();
  }

  @Patch(':key')
  change(
    @Param('key', new ZodValidationPipe(settingKey)) key: string,
    @Body(new ZodValidationPipe(changeBody)) body: z.infer<typeof changeBody>,
  ) {
    return this.settings.change({ key, value: body.value, environment: body.environment, reason: body.reason }, requestEventContext());
  }
}
