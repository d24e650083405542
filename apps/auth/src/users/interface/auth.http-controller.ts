import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { LoginResult, LoginUserHandler } from '../application/login-user/login-user.handler';
import { loginAnswer, LoginUserBody, loginUserBody } from '../application/login-user/login-user.schema';
import { RegisteredUser, RegisterUserHandler } from '../application/register-user/register-user.handler';
import { RegisterUserBody, registerUserBody, registeredUserAnswer } from '../application/register-user/register-user.schema';

@Controller('api/v1/auth')
export class AuthHttpController {
  constructor(
    private readonly registerUser: RegisterUserHandler,
    private readonly loginUser: LoginUserHandler,
  ) {}

  @Post('register')
  @HttpCode(201)
  @Answer(registeredUserAnswer)
  register(@Body(new ZodValidationPipe(registerUserBody)) body: RegisterUserBody): Promise<RegisteredUser> {
    return this.registerUser.execute(body, requestEventContext());
  }

  @Post('login')
  @HttpCode(200)
  @Answer(loginAnswer)
  login(@Body(new ZodValidationPipe(loginUserBody)) body: LoginUserBody): Promise<LoginResult> {
    return this.loginUser.execute(body, requestEventContext());
  }
}
