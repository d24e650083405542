import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { SessionsModule } from '../sessions/sessions.module';
import { SigningKeysModule } from '../signing-keys/signing-keys.module';
import { BootstrapAdminJob } from './application/bootstrap-admin/bootstrap-admin.job';
import { ChangePasswordHandler } from './application/change-password/change-password.handler';
import { ChangeUserRoleHandler } from './application/change-user-role/change-user-role.handler';
import { CompleteTwoFactorLoginHandler } from './application/complete-two-factor-login/complete-two-factor-login.handler';
import { CreateUserHandler } from './application/create-user/create-user.handler';
import { DeactivateUserHandler } from './application/deactivate-user/deactivate-user.handler';
import { DeleteUserHandler } from './application/delete-user/delete-user.handler';
import { DisableTwoFactorHandler } from './application/disable-two-factor/disable-two-factor.handler';
import { EnableTwoFactorHandler } from './application/enable-two-factor/enable-two-factor.handler';
import { GetProfileQuery } from './application/get-profile/get-profile.query';
import { ListUsersQuery } from './application/list-users/list-users.query';
import { LoginUserHandler } from './application/login-user/login-user.handler';
import { RecordWrongPasswordHandler } from './application/record-wrong-password/record-wrong-password.handler';
import { RegisterUserHandler } from './application/register-user/register-user.handler';
import { RequestEmailVerificationHandler } from './application/request-email-verification/request-email-verification.handler';
import { RequestPasswordResetHandler } from './application/request-password-reset/request-password-reset.handler';
import { ResetPasswordHandler } from './application/reset-password/reset-password.handler';
import { SetUpTwoFactorHandler } from './application/set-up-two-factor/set-up-two-factor.handler';
import { SignInHandler } from './application/sign-in/sign-in.handler';
import { UnlockUserHandler } from './application/unlock-user/unlock-user.handler';
import { UpdateProfileHandler } from './application/update-profile/update-profile.handler';
import { VerifyEmailHandler } from './application/verify-email/verify-email.handler';
import { PasswordHasher } from './infrastructure/password-hasher';
import { AccountHttpController } from './interface/account.http-controller';
import { AdminUsersHttpController } from './interface/admin-users.http-controller';
import { AuthHttpController } from './interface/auth.http-controller';
import { ProfileHttpController } from './interface/profile.http-controller';
import { TwoFactorHttpController } from './interface/two-factor.http-controller';
import { userConfigProviders } from './users.config';

// Accounts: registration, login (with its second factor), passwords, e-mail verification,
// profile and administration. A login opens a session (sessions) and signs an access token
// (signing-keys).
@Module({
  imports: [SessionsModule, SigningKeysModule, MailModule],
  controllers: [AuthHttpController, AccountHttpController, TwoFactorHttpController, ProfileHttpController, AdminUsersHttpController],
  providers: [
    ...userConfigProviders,
    PasswordHasher,
    RegisterUserHandler,
    LoginUserHandler,
    SignInHandler,
    CompleteTwoFactorLoginHandler,
    SetUpTwoFactorHandler,
    EnableTwoFactorHandler,
    DisableTwoFactorHandler,
    RecordWrongPasswordHandler,
    ChangePasswordHandler,
    RequestPasswordResetHandler,
    ResetPasswordHandler,
    RequestEmailVerificationHandler,
    VerifyEmailHandler,
    GetProfileQuery,
    UpdateProfileHandler,
    ListUsersQuery,
    CreateUserHandler,
    ChangeUserRoleHandler,
    DeactivateUserHandler,
    DeleteUserHandler,
    UnlockUserHandler,
    BootstrapAdminJob,
  ],
})
export class UsersModule {}
