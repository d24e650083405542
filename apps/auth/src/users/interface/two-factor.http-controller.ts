import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { TwoFactorHandlers } from '../application/two-factor/two-factor.handlers';

const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be six digits');
const enableBody = z.strictObject({ code });
const disableBody = z.strictObject({ password: z.string().min(1).max(1024), code });
const mfaToken = z.string().min(20).max(2000);
const loginBody = z.union([z.strictObject({ mfaToken, code }), z.strictObject({ mfaToken, backupCode: z.string().trim().min(8).max(20) })]);

@Controller('api/v1/auth')
export class TwoFactorHttpController {
  constructor(private readonly twoFactor: TwoFactorHandlers) {}

  @Post('2fa/setup')
  @HttpCode(200)
  setup() {
    return this.twoFactor.setup(requestEventContext());
  }

  @Post('2fa/enable')
  @HttpCode(200)
  enable(@Body(new ZodValidationPipe(enableBody)) body: z.infer<typeof enableBody>) {
    return this.twoFactor.enable(body.code, requestEventContext());
  }

  @Post('2fa/disable')
  @HttpCode(200)
  disable(@Body(new ZodValidationPipe(disableBody)) body: z.infer<typeof disableBody>) {
    return this.twoFactor.disable(body, requestEventContext());
  }

  @Post('login/2fa')
  @HttpCode(200)
  login(@Body(new ZodValidationPipe(loginBody)) body: z.infer<typeof loginBody>) {
    return this.twoFactor.completeLogin(body, requestEventContext());
  }
}
