import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { ChangePasswordHandler } from '../application/change-password/change-password.handler';
import { changePasswordAnswer, ChangePasswordBody, changePasswordBody } from '../application/change-password/change-password.schema';
import { RequestEmailVerificationHandler } from '../application/request-email-verification/request-email-verification.handler';
import { RequestPasswordResetHandler } from '../application/request-password-reset/request-password-reset.handler';
import {
  mailQueuedAnswer,
  requestPasswordResetAnswer,
  RequestPasswordResetBody,
  requestPasswordResetBody,
} from '../application/request-password-reset/request-password-reset.schema';
import { ResetPasswordHandler } from '../application/reset-password/reset-password.handler';
import { resetPasswordAnswer, ResetPasswordBody, resetPasswordBody } from '../application/reset-password/reset-password.schema';
import { VerifyEmailHandler } from '../application/verify-email/verify-email.handler';
import { verifyEmailAnswer, VerifyEmailBody, verifyEmailBody } from '../application/verify-email/verify-email.schema';

// Password change and reset, e-mail verification.
@Controller('api/v1/auth')
export class AccountHttpController {
  constructor(
    private readonly changePassword: ChangePasswordHandler,
    private readonly requestPasswordReset: RequestPasswordResetHandler,
    private readonly resetPassword: ResetPasswordHandler,
    private readonly requestEmailVerification: RequestEmailVerificationHandler,
    private readonly verifyEmail: VerifyEmailHandler,
  ) {}

  @Post('password/change')
  @HttpCode(200)
  @Answer(changePasswordAnswer)
  change(@Body(new ZodValidationPipe(changePasswordBody)) body: ChangePasswordBody) {
    return this.changePassword.execute(body, requestEventContext());
  }

  @Post('password-reset/request')
  @HttpCode(202)
  @Answer(requestPasswordResetAnswer)
  requestReset(@Body(new ZodValidationPipe(requestPasswordResetBody)) body: RequestPasswordResetBody) {
    return this.requestPasswordReset.execute(body.email, requestEventContext());
  }

  @Post('password-reset/confirm')
  @HttpCode(200)
  @Answer(resetPasswordAnswer)
  confirmReset(@Body(new ZodValidationPipe(resetPasswordBody)) body: ResetPasswordBody) {
    return this.resetPassword.execute(body, requestEventContext());
  }

  @Post('verify-email/request')
  @HttpCode(202)
  @Answer(mailQueuedAnswer)
  requestVerification() {
    return this.requestEmailVerification.execute(requestEventContext());
  }

  @Post('verify-email/confirm')
  @HttpCode(200)
  @Answer(verifyEmailAnswer)
  confirmVerification(@Body(new ZodValidationPipe(verifyEmailBody)) body: VerifyEmailBody) {
    return this.verifyEmail.execute(body.token, requestEventContext());
  }
}
