import { Provider } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../auth.config';
import { SecretBox } from './infrastructure/secret-box';

export const SIGNING_KEY_POLICY = Symbol('SIGNING_KEY_POLICY');
// Private halves are sealed with AUTH_SIGNING_KEY_SECRET (or its derived fallback).
export type SigningKeyPolicy = { rotationDays: number; accessTokenSeconds: number; box: SecretBox };

export const signingKeyConfigProviders: Provider[] = [
  {
    provide: SIGNING_KEY_POLICY,
    inject: [AUTH_CONFIG],
    useFactory: (config: AuthConfig): SigningKeyPolicy => ({
      rotationDays: config.AUTH_SIGNING_KEY_ROTATION_DAYS,
      accessTokenSeconds: config.JWT_TTL_SECONDS,
      box: new SecretBox(config.signingKeySealKey),
    }),
  },
];
