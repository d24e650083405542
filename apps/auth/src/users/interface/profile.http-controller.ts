import { Body, Controller, Get, Patch } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { GetProfileQuery } from '../application/get-profile/get-profile.query';
import { UpdateProfileHandler } from '../application/update-profile/update-profile.handler';
import { UpdateProfileBody, updateProfileBody } from '../application/update-profile/update-profile.schema';
import { profileAnswer } from '../application/get-profile/get-profile.schema';

@Controller('api/v1/auth/me')
export class ProfileHttpController {
  constructor(
    private readonly getProfile: GetProfileQuery,
    private readonly updateProfile: UpdateProfileHandler,
  ) {}

  @Get()
  @Answer(profileAnswer)
  me() {
    return this.getProfile.execute(requestEventContext());
  }

  @Patch()
  @Answer(profileAnswer)
  update(@Body(new ZodValidationPipe(updateProfileBody)) body: UpdateProfileBody) {
    return this.updateProfile.execute(body, requestEventContext());
  }
}
