import { Inject, Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { assertCanChangeResource, Who } from '@mindhill/platform';
import { reportAccess, visibleReport } from '../../../reports/domain/report.decider';
import { findReport } from '../../../reports/infrastructure/report.read-model';
import { reportWebhookSecret } from '../../domain/delivery-signing';
import { DELIVERY_SETTINGS, DeliverySettings } from '../../infrastructure/delivery-settings';

// The secret a report's webhook receiver verifies deliveries with, for the report's owner or an
// admin (404 unseen, 403 seen but not owned). Derived from the server secret, never stored,
// never in an event or a log (ADR 0017).
@Injectable()
export class GetWebhookSecretQuery {
  constructor(
    private readonly events: EventStore,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
  ) {}

  async execute(reportId: string, who: Who): Promise<{ reportId: string; scheme: string; secret: string }> {
    const report = visibleReport(await findReport(this.events.readModel(), reportId), who);
    assertCanChangeResource(who, reportAccess(report), 'report');
    return {
      reportId: report.uuid,
      scheme: 'Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature v1)',
      secret: reportWebhookSecret(this.settings.keys, report.uuid),
    };
  }
}
