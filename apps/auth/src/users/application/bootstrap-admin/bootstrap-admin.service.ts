import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@mindhill/contracts';
import { EventStore } from '@mindhill/persistence';
import { DomainError, getLogger, systemContext } from '@mindhill/platform';
import { User } from '../../infrastructure/user.entity';
import { RegisterUserHandler } from '../register-user/register-user.handler';

export type AdminSeed = { email?: string; password?: string };
export const ADMIN_SEED = Symbol('ADMIN_SEED');

// First start: create the admin from ADMIN_EMAIL / ADMIN_PASSWORD. There is no default
// password anywhere; without the two settings no admin exists and the log says how to add one.
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = getLogger('bootstrap-admin');

  constructor(
    private readonly register: RegisterUserHandler,
    private readonly events: EventStore,
    @Inject(ADMIN_SEED) private readonly seed: AdminSeed,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admins = await this.events.readModel().count(User, { role: 'admin', deletedAt: null });
    if (admins > 0) return;
    if (!this.seed.email || !this.seed.password) {
      this.logger.warn('No admin account exists. Set ADMIN_EMAIL and ADMIN_PASSWORD (12+ characters) and restart the auth service to create one.');
      return;
    }
    try {
      const admin = await this.register.execute(
        { email: this.seed.email, password: this.seed.password, role: 'admin', source: 'bootstrap-admin', displayName: 'Administrator' },
        { ...systemContext(), actor: SYSTEM_ACTOR },
      );
      this.logger.info({ email: admin.email }, 'Created the admin account from configuration');
    } catch (error) {
      if (error instanceof DomainError && error.code === 'AUTH.EMAIL_TAKEN') {
        this.logger.warn({ email: this.seed.email }, 'ADMIN_EMAIL belongs to an existing non-admin account; no admin created');
        return;
      }
      if (error instanceof DomainError) throw new Error(`ADMIN_EMAIL / ADMIN_PASSWORD rejected: ${error.message}`);
      throw error;
    }
  }
}
