import { RunTrigger, StoredPayload, webhookReceived } from '@mindhill/contracts';
import { canUse } from '@mindhill/domain';
import { DataSourceGrant } from '../../workflow/domain/data-source-grants';
import { Workflow, workflowOwnerOf } from '../../workflow/domain/workflow.state';

export type Delivery = StoredPayload<typeof webhookReceived>;

// What a webhook-started run records: the delivery as its trigger, and as its `delivery` input
// (the bytes stay in the content store; sha256 is their key).
export function webhookRun(delivery: Delivery): { trigger: RunTrigger; providedInputs: Record<string, unknown> } {
  return {
    trigger: {
      kind: 'webhook',
      dataSourceId: delivery.fluxId,
      deliveryId: delivery.deliveryId,
      deliveryNumber: delivery.deliveryNumber,
      receivedAt: delivery.receivedAt,
    },
    providedInputs: {
      delivery: {
        deliveryId: delivery.deliveryId,
        deliveryNumber: delivery.deliveryNumber,
        dataSourceId: delivery.fluxId,
        sha256: delivery.sha256,
        sizeBytes: delivery.sizeBytes,
        contentType: delivery.contentType,
        receivedAt: delivery.receivedAt,
      },
    },
  };
}

// A delivery starts a run of a workflow only when its source asks for it and the workflow's owner
// may still use the source (as a save checks; a grant this service has not heard of yet is
// checked by ingestion at the fetch). Templates, inactive and archived workflows never start.
export function startsFromDelivery(delivery: Delivery, workflow: Workflow, grant: DataSourceGrant | undefined): boolean {
  if (delivery.startRuns !== true || workflow.isTemplate || workflow.status !== 'active') return false;
  if (!grant) return true;
  return canUse(workflowOwnerOf(workflow), {
    ownerNumber: grant.ownerNumber,
    isPublic: false,
    sharedWithUsers: [],
    usableByUsers: grant.usableByUsers,
  });
}
