import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { ListPublicSettingsQuery } from '../application/list-public-settings/list-public-settings.query';
import {
  listPublicSettingsAnswer,
  listSettingsAnswer,
  listSettingsQuery,
  ListSettingsRequest,
  settingAnswer,
} from '../application/list-settings/list-settings.schema';
import { ListSettingsQuery } from '../application/list-settings/list-settings.query';
import { UpdateSettingHandler } from '../application/update-setting/update-setting.handler';
import { settingKey, updateSettingBody, UpdateSettingRequest } from '../application/update-setting/update-setting.schema';

@Controller('api/v1/settings')
export class SettingsHttpController {
  constructor(
    private readonly listSettings: ListSettingsQuery,
    private readonly listPublicSettings: ListPublicSettingsQuery,
    private readonly updateSetting: UpdateSettingHandler,
  ) {}

  @Get()
  @Answer(listSettingsAnswer)
  list(@Query(new ZodValidationPipe(listSettingsQuery)) query: ListSettingsRequest) {
    return this.listSettings.execute(query, requestEventContext());
  }

  @Get('public')
  @Answer(listPublicSettingsAnswer)
  listPublic() {
    return this.listPublicSettings.execute();
  }

  @Patch(':key')
  @Answer(settingAnswer)
  change(
    @Param('key', new ZodValidationPipe(settingKey)) key: string,
    @Body(new ZodValidationPipe(updateSettingBody)) body: UpdateSettingRequest,
  ) {
    return this.updateSetting.execute(
      { key, value: body.value, environment: body.environment, reason: body.reason },
      requestEventContext(),
    );
  }
}
