import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, userCreated, userDeactivated, userDeleted, userRegistered, userRoleChanged } from '@mindhill/contracts';
import { EventStore, recordOnce, recordUserRole } from '@mindhill/persistence';

export const USER_ROLES_CONSUMER = 'workflows.user-roles';

// Auth user events into user_roles (a workflow owner's current role), each claimed in the inbox.
// The auth topic is new to this consumer group, so it is read from its beginning.
@Controller()
export class UserRolesKafkaController {
  constructor(private readonly events: EventStore) {}

  private record(event: EventEnvelope<Record<string, unknown>>) {
    return recordOnce(this.events, USER_ROLES_CONSUMER, event.eventId, (em) => recordUserRole(em, event));
  }

  @EventPattern(userRegistered.type)
  registered(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.record(event);
  }

  @EventPattern(userCreated.type)
  created(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.record(event);
  }

  @EventPattern(userRoleChanged.type)
  roleChanged(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.record(event);
  }

  @EventPattern(userDeactivated.type)
  deactivated(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.record(event);
  }

  @EventPattern(userDeleted.type)
  deleted(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.record(event);
  }
}
