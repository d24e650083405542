import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, sessionRevoked, StoredPayload } from '@mindhill/contracts';
import { RevocationList } from './revocation-list';

export const REVOCATIONS = Symbol('REVOCATIONS');

@Controller()
export class RevocationKafkaController {
  constructor(@Inject(REVOCATIONS) private readonly revocations: RevocationList) {}

  @EventPattern(sessionRevoked.type)
  onRevoked(@Payload() event: EventEnvelope<StoredPayload<typeof sessionRevoked>>): void {
    this.revocations.revoke(event.payload.sessionId, new Date(event.payload.refuseUntil));
  }
}
