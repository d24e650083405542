import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { PasswordHandlers } from '../application/password/password.handlers';
import { VerifyEmailHandlers } from '../application/verify-email/verify-email.handlers';

const password = z.string().min(1).max(1024);
const oneTimeToken = z.string().min(20).max(200);
const changeBody = z.strictObject({
  currentPassword: password,
  newPassword: password,
  changeToken: z.string().min(20).max(2000).optional(),
});
const resetRequestBody = z.strictObject({ email: z.string().min(1).max(320) });
const resetConfirmBody = z.strictObject({ token: oneTimeToken, newPassword: password });
const verifyConfirmBody = z.strictObject({ token: oneTimeToken });

// Password change and reset, e-mail verification.
@Controller('api/v1/auth')
export class AccountHttpController {
  constructor(
    private readonly passwords: PasswordHandlers,
    private readonly verifyEmail: VerifyEmailHandlers,
  ) {}

  @Post('password/change')
  @HttpCode(200)
  change(@Body(new ZodValidationPipe(changeBody)) body: z.infer<typeof changeBody>) {
    return this.passwords.change(body, requestEventContext());
  }

  @Post('password-reset/request')
  @HttpCode(202)
  requestReset(@Body(new ZodValidationPipe(resetRequestBody)) body: z.infer<typeof resetRequestBody>) {
    return this.passwords.requestReset(body.email, requestEventContext());
  }

  @Post('password-reset/confirm')
  @HttpCode(200)
  confirmReset(@Body(new ZodValidationPipe(resetConfirmBody)) body: z.infer<typeof resetConfirmBody>) {
    return this.passwords.confirmReset(body, requestEventContext());
  }

  @Post('verify-email/request')
  @HttpCode(202)
  requestVerification() {
    return this.verifyEmail.request(requestEventContext());
  }

  @Post('verify-email/confirm')
  @HttpCode(200)
  confirmVerification(@Body(new ZodValidationPipe(verifyConfirmBody)) body: z.infer<typeof verifyConfirmBody>) {
    return this.verifyEmail.confirm(body.token, requestEventContext());
  }
}
