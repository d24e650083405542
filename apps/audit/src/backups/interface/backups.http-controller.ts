import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Answer, assertAdmin, requestEventContext } from '@mindhill/platform';
import { ListBackupsQuery } from '../application/list-backups/list-backups.query';
import { TakeBackupJob } from '../application/take-backup/take-backup.job';
import { backupOverviewAnswer } from '../application/list-backups/list-backups.schema';
import { backupOutcomeAnswer } from '../application/take-backup/take-backup.schema';

// Admin only: the backup sets and their age, and a backup taken now.
@Controller('api/v1/admin/backups')
export class BackupsHttpController {
  constructor(
    private readonly takeBackup: TakeBackupJob,
    private readonly listBackups: ListBackupsQuery,
  ) {}

  @Get()
  @Answer(backupOverviewAnswer)
  list() {
    assertAdmin(requestEventContext().actor, 'Backups');
    return this.listBackups.execute();
  }

  @Post()
  @HttpCode(200)
  @Answer(backupOutcomeAnswer)
  take() {
    const context = requestEventContext();
    assertAdmin(context.actor, 'Backups');
    return this.takeBackup.run('request', context);
  }
}
