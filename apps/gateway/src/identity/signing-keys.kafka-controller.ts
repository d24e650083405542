import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { signingKeyActivated, signingKeyCreated } from '@mindhill/contracts';
import { JwksKeyStore } from './jwks-key-store';

export const KEY_STORE = Symbol('KEY_STORE');

// A key created or activated in auth is a reason to read the JWKS again at once. The event is
// only a nudge: keys are taken from auth's JWKS, never from Kafka, so writing to a topic is not
// enough to mint tokens.
@Controller()
export class SigningKeysKafkaController {
  constructor(@Inject(KEY_STORE) private readonly keys: JwksKeyStore) {}

  @EventPattern(signingKeyCreated.type)
  async onCreated(): Promise<void> {
    await this.keys.refresh();
  }

  @EventPattern(signingKeyActivated.type)
  async onActivated(): Promise<void> {
    await this.keys.refresh();
  }
}
