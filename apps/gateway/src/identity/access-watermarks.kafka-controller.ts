import { Controller, Inject } from '@nestjs/common';
import { userDeactivated, userDeleted, userLocked, userRoleChanged, userUnlocked } from '@mindhill/contracts';
import { EventOf, OnEvent } from '@mindhill/messaging';
import { AccessWatermarks } from './access-watermarks';

export const WATERMARKS = Symbol('WATERMARKS');
const ACCESS_CHANGES = [userRoleChanged, userDeactivated, userDeleted, userLocked, userUnlocked] as const;

// Changes to who a user is or whether they may sign in: tokens issued before them are refused
// (identity/access-watermarks.ts). Read from the start of auth's user topic by every gateway
// instance, like the revocations, so a gateway that starts later knows every watermark.
@Controller()
export class AccessWatermarksKafkaController {
  constructor(@Inject(WATERMARKS) private readonly watermarks: AccessWatermarks) {}

  @OnEvent(ACCESS_CHANGES)
  onAccessChanged(event: EventOf<(typeof ACCESS_CHANGES)[number]>): void {
    this.watermarks.raise(event.payload.userId, event.aggregateVersion);
  }
}
