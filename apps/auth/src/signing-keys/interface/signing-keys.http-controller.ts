import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { requestEventContext } from '@mindhill/platform';
import { SigningKeyService } from '../application/signing-key.service';

// Gateways cache the JWKS for a few minutes; a key they have not seen makes them ask again.
const JWKS_CACHE = 'public, max-age=300';

@Controller()
export class SigningKeysHttpController {
  constructor(private readonly keys: SigningKeyService) {}

  // For gateways inside the platform: outside /api, so no internal token is needed.
  @Get('.well-known/jwks.json')
  @Header('Cache-Control', JWKS_CACHE)
  wellKnownJwks() {
    return this.keys.jwks();
  }

  // The same keys for anyone outside, through the gateway.
  @Get('api/v1/auth/jwks')
  @Header('Cache-Control', JWKS_CACHE)
  jwks() {
    return this.keys.jwks();
  }

  @Get('api/v1/auth/signing-keys')
  list() {
    return this.keys.list(requestEventContext());
  }

  @Post('api/v1/auth/signing-keys/rotate')
  @HttpCode(200)
  rotate() {
    return this.keys.rotate(requestEventContext());
  }
}
