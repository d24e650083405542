import { Inject, Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import {
  DownloadReportFileQuery,
  ReportDownload,
} from '../../../report-executions/application/download-report-file/download-report-file.query';
import { verifyDownloadLink } from '../../domain/delivery-signing';
import { DELIVERY_SETTINGS, DeliverySettings } from '../../infrastructure/delivery-settings';
import { DownloadLinkRequest } from './download-linked-file.schema';

// The file of a run through a signed, expiring link (mails above the attachment limit, webhook
// payloads): no login, the link is the permission. 403 REPORTING.LINK_INVALID / LINK_EXPIRED.
@Injectable()
export class DownloadLinkedFileQuery {
  constructor(
    private readonly events: EventStore,
    private readonly download: DownloadReportFileQuery,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
  ) {}

  execute(executionId: string, link: DownloadLinkRequest): Promise<ReportDownload> {
    verifyDownloadLink(this.settings.keys, executionId, link, new Date());
    // The link stands for the run's owner: the system reads it as an admin would.
    return this.download.execute(executionId, { role: 'system', userNumber: null });
  }
}
