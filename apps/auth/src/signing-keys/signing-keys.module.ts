import { Module } from '@nestjs/common';
import { AUTH_CONFIG, AuthConfig } from '../auth.config';
import { GetJwksQuery } from './application/get-jwks/get-jwks.query';
import { ListSigningKeysQuery } from './application/list-signing-keys/list-signing-keys.query';
import { RotateSigningKeysHandler } from './application/rotate-signing-keys/rotate-signing-keys.handler';
import { RotateSigningKeysJob } from './application/rotate-signing-keys/rotate-signing-keys.job';
import { SigningKeyReader } from './infrastructure/signing-key.reader';
import { TokenIssuer } from './infrastructure/token-issuer';
import { SigningKeysHttpController } from './interface/signing-keys.http-controller';
import { signingKeyConfigProviders } from './signing-keys.config';

// The Ed25519 keys that sign access tokens: rotation, the JWKS, and the token issuer the users
// (login) and sessions (refresh) contexts sign with.
@Module({
  controllers: [SigningKeysHttpController],
  providers: [
    ...signingKeyConfigProviders,
    SigningKeyReader,
    {
      provide: TokenIssuer,
      inject: [SigningKeyReader, AUTH_CONFIG],
      useFactory: (keys: SigningKeyReader, config: AuthConfig) => new TokenIssuer(keys, config.JWT_TTL_SECONDS),
    },
    GetJwksQuery,
    ListSigningKeysQuery,
    RotateSigningKeysHandler,
    RotateSigningKeysJob,
  ],
  exports: [TokenIssuer],
})
export class SigningKeysModule {}
