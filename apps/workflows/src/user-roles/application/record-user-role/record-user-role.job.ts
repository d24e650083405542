import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@mindhill/contracts';
import { EventStore, recordOnce, recordUserRole } from '@mindhill/persistence';

export const USER_ROLES_CONSUMER = 'workflows.user-roles';

// Auth's user events into user_roles (a workflow owner's current role, read when a run lends the
// owner's privilege), each claimed in the inbox with its effect.
@Injectable()
export class RecordUserRoleJob {
  constructor(private readonly events: EventStore) {}

  run(event: EventEnvelope<Record<string, unknown>>) {
    return recordOnce(this.events, USER_ROLES_CONSUMER, event.eventId, (em) => recordUserRole(em, event));
  }
}
