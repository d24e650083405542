import { Controller } from '@nestjs/common';
import { userCreated, userDeactivated, userDeleted, userRegistered, userRoleChanged } from '@mindhill/contracts';
import { EventOf, OnEvent } from '@mindhill/messaging';
import { DIRECTORY_TRANSPORT } from '../../workflows.transports';
import { RecordUserRoleJob } from '../application/record-user-role/record-user-role.job';

type UserRoleEvent =
  | EventOf<typeof userRegistered>
  | EventOf<typeof userCreated>
  | EventOf<typeof userRoleChanged>
  | EventOf<typeof userDeactivated>
  | EventOf<typeof userDeleted>;

// Auth's user events (the `workflows.directory` consumer group), read from the topic's beginning.
@Controller()
export class UserRolesKafkaController {
  constructor(private readonly recordUserRole: RecordUserRoleJob) {}

  @OnEvent([userRegistered, userCreated, userRoleChanged, userDeactivated, userDeleted], DIRECTORY_TRANSPORT)
  userChanged(event: UserRoleEvent) {
    return this.recordUserRole.run(event);
  }
}
