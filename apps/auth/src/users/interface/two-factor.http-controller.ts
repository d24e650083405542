import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { CompleteTwoFactorLoginHandler } from '../application/complete-two-factor-login/complete-two-factor-login.handler';
import {
  CompleteTwoFactorLoginBody,
  completeTwoFactorLoginBody,
} from '../application/complete-two-factor-login/complete-two-factor-login.schema';
import { DisableTwoFactorHandler } from '../application/disable-two-factor/disable-two-factor.handler';
import {
  disableTwoFactorAnswer,
  DisableTwoFactorBody,
  disableTwoFactorBody,
} from '../application/disable-two-factor/disable-two-factor.schema';
import { EnableTwoFactorHandler } from '../application/enable-two-factor/enable-two-factor.handler';
import {
  enableTwoFactorAnswer,
  EnableTwoFactorBody,
  enableTwoFactorBody,
  setUpTwoFactorAnswer,
} from '../application/enable-two-factor/enable-two-factor.schema';
import { SetUpTwoFactorHandler } from '../application/set-up-two-factor/set-up-two-factor.handler';
import { signedInAnswer } from '../application/login-user/login-user.schema';

@Controller('api/v1/auth')
export class TwoFactorHttpController {
  constructor(
    private readonly setUpTwoFactor: SetUpTwoFactorHandler,
    private readonly enableTwoFactor: EnableTwoFactorHandler,
    private readonly disableTwoFactor: DisableTwoFactorHandler,
    private readonly completeTwoFactorLogin: CompleteTwoFactorLoginHandler,
  ) {}

  @Post('2fa/setup')
  @HttpCode(200)
  @Answer(setUpTwoFactorAnswer)
  setup() {
    return this.setUpTwoFactor.execute(requestEventContext());
  }

  @Post('2fa/enable')
  @HttpCode(200)
  @Answer(enableTwoFactorAnswer)
  enable(@Body(new ZodValidationPipe(enableTwoFactorBody)) body: EnableTwoFactorBody) {
    return this.enableTwoFactor.execute(body.code, requestEventContext());
  }

  @Post('2fa/disable')
  @HttpCode(200)
  @Answer(disableTwoFactorAnswer)
  disable(@Body(new ZodValidationPipe(disableTwoFactorBody)) body: DisableTwoFactorBody) {
    return this.disableTwoFactor.execute(body, requestEventContext());
  }

  @Post('login/2fa')
  @HttpCode(200)
  @Answer(signedInAnswer)
  login(@Body(new ZodValidationPipe(completeTwoFactorLoginBody)) body: CompleteTwoFactorLoginBody) {
    return this.completeTwoFactorLogin.execute(body, requestEventContext());
  }
}
