import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, signingKeyActivated, signingKeyCreated } from '@mindhill/contracts';
import { JwksKeyStore } from './jwks-key-store';

export const KEY_STORE = Symbol('KEY_STORE');

// A key created or activated in auth is a reason to read the JWKS again at once. The event is
// only a nudge: keys are taken from auth's JWKS, never from Kafka, so writing to a topic is not
// enough to mint tokens.
@Controller()
export class SigningKeysKafkaController {
  constructor(@Inject(KEY_STORE) private readonly keys: JwksKeyStore) {}

  @EventPattern(signingKeyCreated.type)
  async onCreated(@Payload() event: EventEnvelope): Promise<void> {
    await this.keys.refreshAfter(event.occurredAt);
  }

  @EventPattern(signingKeyActivated.type)
  async onActivated(@Payload() event: EventEnvelope): Promise<void> {
    await this.keys.refreshAfter(event.occurredAt);
  }
}
