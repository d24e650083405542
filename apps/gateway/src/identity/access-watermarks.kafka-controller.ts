import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, userDeactivated, userDeleted, userLocked, userRoleChanged, userUnlocked } from '@mindhill/contracts';
import { AccessWatermarks } from './access-watermarks';

export const WATERMARKS = Symbol('WATERMARKS');

// Changes to who a user is or whether they may sign in: tokens issued before them are refused
// (identity/access-watermarks.ts). Read from the start of auth's user topic by every gateway
// instance, like the revocations, so a gateway that starts later knows every watermark.
@Controller()
export class AccessWatermarksKafkaController {
  constructor(@Inject(WATERMARKS) private readonly watermarks: AccessWatermarks) {}

  @EventPattern(userRoleChanged.type)
  onRoleChanged(@Payload() event: EventEnvelope<{ userId: string }>): void {
    this.watermarks.raise(event.payload.userId, event.aggregateVersion);
  }

  @EventPattern(userDeactivated.type)
  onDeactivated(@Payload() event: EventEnvelope<{ userId: string }>): void {
    this.watermarks.raise(event.payload.userId, event.aggregateVersion);
  }

  @EventPattern(userDeleted.type)
  onDeleted(@Payload() event: EventEnvelope<{ userId: string }>): void {
    this.watermarks.raise(event.payload.userId, event.aggregateVersion);
  }

  @EventPattern(userLocked.type)
  onLocked(@Payload() event: EventEnvelope<{ userId: string }>): void {
    this.watermarks.raise(event.payload.userId, event.aggregateVersion);
  }

  @EventPattern(userUnlocked.type)
  onUnlocked(@Payload() event: EventEnvelope<{ userId: string }>): void {
    this.watermarks.raise(event.payload.userId, event.aggregateVersion);
  }
}
