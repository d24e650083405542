import { Module } from '@nestjs/common';
import { RecordUserRoleJob } from './application/record-user-role/record-user-role.job';
import { UserRolesKafkaController } from './interface/user-roles.kafka-controller';

// Each user's current role (user_roles), from auth's events: a workflow's owner lends their
// privilege to its runs as they are now, never as they were when it was created.
@Module({
  controllers: [UserRolesKafkaController],
  providers: [RecordUserRoleJob],
})
export class UserRolesModule {}
