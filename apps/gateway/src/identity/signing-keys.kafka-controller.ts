import { Controller, Inject } from '@nestjs/common';
import { signingKeyActivated, signingKeyCreated } from '@mindhill/contracts';
import { EventOf, OnEvent } from '@mindhill/messaging';
import { JwksKeyStore } from './jwks-key-store';

export const KEY_STORE = Symbol('KEY_STORE');
const KEY_CHANGES = [signingKeyCreated, signingKeyActivated] as const;

// A key created or activated in auth is a reason to read the JWKS again at once. The event is
// only a nudge: keys are taken from auth's JWKS, never from Kafka, so writing to a topic is not
// enough to mint tokens.
@Controller()
export class SigningKeysKafkaController {
  constructor(@Inject(KEY_STORE) private readonly keys: JwksKeyStore) {}

  @OnEvent(KEY_CHANGES)
  async onKeyChanged(event: EventOf<(typeof KEY_CHANGES)[number]>): Promise<void> {
    await this.keys.refreshAfter(event.occurredAt);
  }
}
