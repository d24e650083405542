import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Answer, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { ChangeUserRoleHandler } from '../application/change-user-role/change-user-role.handler';
import {
  adminUserAnswer,
  ChangeUserRoleBody,
  changeUserRoleBody,
  deactivateUserAnswer,
  deleteUserAnswer,
  unlockUserAnswer,
} from '../application/change-user-role/change-user-role.schema';
import { CreateUserHandler } from '../application/create-user/create-user.handler';
import { createUserAnswer, CreateUserBody, createUserBody } from '../application/create-user/create-user.schema';
import { DeactivateUserHandler } from '../application/deactivate-user/deactivate-user.handler';
import { DeleteUserHandler } from '../application/delete-user/delete-user.handler';
import { ListUsersQuery } from '../application/list-users/list-users.query';
import { listUsersAnswer, listUsersQuery, ListUsersQueryParams } from '../application/list-users/list-users.schema';
import { UnlockUserHandler } from '../application/unlock-user/unlock-user.handler';

// Admin-only (the gateway's rule, checked again by each use case).
@Controller('api/v1/users')
export class AdminUsersHttpController {
  constructor(
    private readonly listUsers: ListUsersQuery,
    private readonly createUser: CreateUserHandler,
    private readonly changeUserRole: ChangeUserRoleHandler,
    private readonly deactivateUser: DeactivateUserHandler,
    private readonly deleteUser: DeleteUserHandler,
    private readonly unlockUser: UnlockUserHandler,
  ) {}

  @Get()
  @Answer(listUsersAnswer)
  list(@Query(new ZodValidationPipe(listUsersQuery)) query: ListUsersQueryParams) {
    return this.listUsers.execute(query, requestEventContext());
  }

  @Post()
  @HttpCode(201)
  @Answer(createUserAnswer)
  create(@Body(new ZodValidationPipe(createUserBody)) body: CreateUserBody) {
    return this.createUser.execute(body, requestEventContext());
  }

  @Patch(':id/role')
  @Answer(adminUserAnswer)
  changeRole(@Param('id') id: string, @Body(new ZodValidationPipe(changeUserRoleBody)) body: ChangeUserRoleBody) {
    return this.changeUserRole.execute(id, body.role, requestEventContext());
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Answer(deactivateUserAnswer)
  deactivate(@Param('id') id: string) {
    return this.deactivateUser.execute(id, requestEventContext());
  }

  @Delete(':id')
  @HttpCode(200)
  @Answer(deleteUserAnswer)
  remove(@Param('id') id: string) {
    return this.deleteUser.execute(id, requestEventContext());
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @Answer(unlockUserAnswer)
  unlock(@Param('id') id: string) {
    return this.unlockUser.execute(id, requestEventContext());
  }
}
