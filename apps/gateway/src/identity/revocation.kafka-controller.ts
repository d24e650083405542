import { Controller, Inject } from '@nestjs/common';
import { sessionRevoked } from '@mindhill/contracts';
import { EventOf, OnEvent } from '@mindhill/messaging';
import { RevocationList } from './revocation-list';

export const REVOCATIONS = Symbol('REVOCATIONS');

@Controller()
export class RevocationKafkaController {
  constructor(@Inject(REVOCATIONS) private readonly revocations: RevocationList) {}

  @OnEvent(sessionRevoked)
  onRevoked(event: EventOf<typeof sessionRevoked>): void {
    this.revocations.revoke(event.payload.sessionId, new Date(event.payload.refuseUntil));
  }
}
