import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { getLogger, systemContext } from '@mindhill/platform';
import { SIGNING_KEY_RELOAD_MS } from '../../infrastructure/signing-key.reader';
import { RotateSigningKeysHandler } from './rotate-signing-keys.handler';

// At start (first start creates the keys) and every minute after: rotate when the period is
// over, publish a missing next key, replace a key that cannot be opened; then reload.
@Injectable()
export class RotateSigningKeysJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = getLogger('signing-keys');
  private timer?: NodeJS.Timeout;

  constructor(private readonly rotate: RotateSigningKeysHandler) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rotate.apply(false, systemContext());
    this.timer = setInterval(() => {
      this.rotate.apply(false, systemContext()).catch((error) => this.logger.error({ err: error }, 'Signing key check failed'));
    }, SIGNING_KEY_RELOAD_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
