import { randomBytes } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@mindhill/contracts';
import { EventStore, isUniqueViolation } from '@mindhill/persistence';
import { DomainError, getLogger, systemContext } from '@mindhill/platform';
import { PasswordHasher } from '../../infrastructure/password-hasher';
import { User } from '../../infrastructure/user.entity';
import { ADMIN_SEED, AdminSeed } from '../../users.config';
import { CreateUserHandler } from '../create-user/create-user.handler';
import { RegisterUserHandler } from '../register-user/register-user.handler';

export const DEFAULT_ADMIN_EMAIL = 'admin@mindhill.local';

// First start without any admin: from ADMIN_EMAIL / ADMIN_PASSWORD when both are set;
// otherwise ADMIN_EMAIL (or admin@mindhill.local) gets a generated one-time password, printed
// once on stdout (not through the logger, so it never reaches log storage), which must be
// changed before the account gets any access token. There is no default password anywhere.
@Injectable()
export class BootstrapAdminJob implements OnApplicationBootstrap {
  private readonly logger = getLogger('bootstrap-admin');

  constructor(
    private readonly register: RegisterUserHandler,
    private readonly createUser: CreateUserHandler,
    private readonly events: EventStore,
    private readonly hasher: PasswordHasher,
    @Inject(ADMIN_SEED) private readonly seed: AdminSeed,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.seed.totpKeyDerived && this.seed.production) {
      this.logger.warn(
        'AUTH_TOTP_KEY is not set: TOTP secrets are encrypted with a key derived from JWT_SECRET. Set AUTH_TOTP_KEY (openssl rand -base64 32).',
      );
    }
    const admins = await this.events.readModel().count(User, { role: 'admin', deletedAt: null });
    if (admins > 0) return;
    const context = { ...systemContext(), actor: SYSTEM_ACTOR };
    const email = (this.seed.email ?? DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
    try {
      if (this.seed.password) {
        const admin = await this.register.execute(
          { email, password: this.seed.password, role: 'admin', source: 'bootstrap-admin', displayName: 'Administrator' },
          context,
        );
        this.logger.info({ email: admin.email }, 'Created the admin account from configuration');
        return;
      }
      const password = randomBytes(18).toString('base64url');
      const passwordHash = await this.hasher.hash(password);
      await this.createUser.create(
        {
          email,
          displayName: 'Administrator',
          role: 'admin',
          passwordHash,
          source: 'bootstrap-generated',
          createdBy: null,
          mustChangePassword: true,
        },
        context,
      );
      process.stdout.write(
        [
          '',
          '==================== Mind Hillmetric: first admin ====================',
          `  e-mail:             ${email}`,
          `  one-time password:  ${password}`,
          '  Shown once. Sign in and change it: POST /api/v1/auth/password/change',
          '======================================================================',
          '',
        ].join('\n'),
      );
      this.logger.warn(
        { email },
        'Created the first admin with a generated one-time password (printed once on stdout; it must be changed at first sign-in)',
      );
    } catch (error) {
      if ((error instanceof DomainError && error.code === 'AUTH.EMAIL_TAKEN') || isUniqueViolation(error, 'idx_users_email_live')) {
        this.logger.warn({ email }, 'The admin e-mail belongs to an existing account (or another instance created it); no admin created');
        return;
      }
      if (error instanceof DomainError) throw new Error(`ADMIN_EMAIL / ADMIN_PASSWORD rejected: ${error.message}`, { cause: error });
      throw error;
    }
  }
}
