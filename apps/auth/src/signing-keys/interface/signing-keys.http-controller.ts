import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { Answer, requestEventContext } from '@mindhill/platform';
import { GetJwksQuery } from '../application/get-jwks/get-jwks.query';
import { ListSigningKeysQuery } from '../application/list-signing-keys/list-signing-keys.query';
import { RotateSigningKeysHandler } from '../application/rotate-signing-keys/rotate-signing-keys.handler';
import { jwksAnswer } from '../application/get-jwks/get-jwks.schema';
import { listSigningKeysAnswer } from '../application/list-signing-keys/list-signing-keys.schema';

// Gateways cache the JWKS for a few minutes; a key they have not seen makes them ask again.
const JWKS_CACHE = 'public, max-age=300';

@Controller()
export class SigningKeysHttpController {
  constructor(
    private readonly getJwks: GetJwksQuery,
    private readonly listSigningKeys: ListSigningKeysQuery,
    private readonly rotateSigningKeys: RotateSigningKeysHandler,
  ) {}

  // For gateways inside the platform: outside /api, so no internal token is needed.
  @Get('.well-known/jwks.json')
  @Header('Cache-Control', JWKS_CACHE)
  @Answer(jwksAnswer)
  wellKnownJwks() {
    return this.getJwks.execute();
  }

  // The same keys for anyone outside, through the gateway.
  @Get('api/v1/auth/jwks')
  @Header('Cache-Control', JWKS_CACHE)
  @Answer(jwksAnswer)
  jwks() {
    return this.getJwks.execute();
  }

  @Get('api/v1/auth/signing-keys')
  @Answer(listSigningKeysAnswer)
  list() {
    return this.listSigningKeys.execute(requestEventContext());
  }

  @Post('api/v1/auth/signing-keys/rotate')
  @HttpCode(200)
  @Answer(listSigningKeysAnswer)
  rotate() {
    return this.rotateSigningKeys.execute(requestEventContext());
  }
}
