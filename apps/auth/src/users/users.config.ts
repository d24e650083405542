import { Provider } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../auth.config';
import { SecretBox } from '../signing-keys/infrastructure/secret-box';
import { LockoutPolicy } from './domain/lockout.policy';
import { PurposeTokens } from './infrastructure/purpose-tokens';

export const LOCKOUT_POLICY = Symbol('LOCKOUT_POLICY');
export const TOKEN_LIFETIMES = Symbol('TOKEN_LIFETIMES');
export type TokenLifetimes = { resetMinutes: number; verifyHours: number };
export const ADMIN_SEED = Symbol('ADMIN_SEED');
export type AdminSeed = { email?: string; password?: string; totpKeyDerived?: boolean; production?: boolean };

// What the users context reads from the configuration. SecretBox seals TOTP secrets.
export const userConfigProviders: Provider[] = [
  {
    provide: LOCKOUT_POLICY,
    inject: [AUTH_CONFIG],
    useFactory: (c: AuthConfig): LockoutPolicy => ({ threshold: c.AUTH_LOCKOUT_THRESHOLD, minutes: c.AUTH_LOCKOUT_MINUTES }),
  },
  {
    provide: TOKEN_LIFETIMES,
    inject: [AUTH_CONFIG],
    useFactory: (c: AuthConfig): TokenLifetimes => ({ resetMinutes: c.AUTH_RESET_TOKEN_MINUTES, verifyHours: c.AUTH_VERIFY_TOKEN_HOURS }),
  },
  {
    provide: ADMIN_SEED,
    inject: [AUTH_CONFIG],
    useFactory: (c: AuthConfig): AdminSeed => ({
      email: c.ADMIN_EMAIL,
      password: c.ADMIN_PASSWORD,
      totpKeyDerived: c.totpKeyDerived,
      production: c.NODE_ENV === 'production',
    }),
  },
  { provide: SecretBox, inject: [AUTH_CONFIG], useFactory: (c: AuthConfig) => new SecretBox(c.totpKey) },
  {
    provide: PurposeTokens,
    inject: [AUTH_CONFIG],
    useFactory: (c: AuthConfig) => new PurposeTokens(c.JWT_SECRET, c.AUTH_MFA_TOKEN_SECONDS),
  },
];
