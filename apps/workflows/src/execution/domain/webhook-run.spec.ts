import { Workflow } from '../../workflow/domain/workflow.state';
import { Delivery, startsFromDelivery, webhookRun } from './webhook-run';

const SOURCE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const delivery: Delivery = {
  deliveryId: '3f2b8a41-2c1e-4d7a-9a55-0c1f7d3e9b10',
  deliveryNumber: 12,
  fluxId: SOURCE,
  fluxNumber: 3,
  sha256: 'a'.repeat(64),
  sizeBytes: 42,
  contentType: 'application/json',
  receivedAt: '2026-12-06T20:00:00.000Z',
  startRuns: true,
};
const workflow = { status: 'active', isTemplate: false, ownerNumber: 7, ownerIsAdmin: false } as Workflow;
const ownGrant = { dataSourceId: SOURCE, ownerNumber: 7, usableByUsers: [] };

describe('a webhook delivery starting runs', () => {
  it('given a delivery, then the run records it as its trigger and gets it as its delivery input (the bytes by their key)', () => {
    expect(webhookRun(delivery)).toEqual({
      trigger: {
        kind: 'webhook',
        dataSourceId: SOURCE,
        deliveryId: delivery.deliveryId,
        deliveryNumber: 12,
        receivedAt: delivery.receivedAt,
      },
      providedInputs: {
        delivery: {
          deliveryId: delivery.deliveryId,
          deliveryNumber: 12,
          dataSourceId: SOURCE,
          sha256: 'a'.repeat(64),
          sizeBytes: 42,
          contentType: 'application/json',
          receivedAt: delivery.receivedAt,
        },
      },
    });
  });

  it.each([
    ['an active workflow of the source owner', delivery, workflow, ownGrant, true],
    ['a workflow of a user the source is lent to', delivery, { ...workflow, ownerNumber: 8 }, { ...ownGrant, usableByUsers: [8] }, true],
    ['a source this service has not heard of yet (ingestion checks at the fetch)', delivery, workflow, undefined, true],
    ['a source not set to start runs', { ...delivery, startRuns: false }, workflow, ownGrant, false],
    ['a delivery recorded before the setting existed', { ...delivery, startRuns: undefined }, workflow, ownGrant, false],
    ['an inactive workflow', delivery, { ...workflow, status: 'inactive' }, ownGrant, false],
    ['a template', delivery, { ...workflow, isTemplate: true }, ownGrant, false],
    ['an owner whose use of the source was withdrawn', delivery, { ...workflow, ownerNumber: 8 }, ownGrant, false],
  ] as const)('given %s, then the run starts or not, as listed', (_what, given, wf, grant, starts) => {
    expect(startsFromDelivery(given, wf as Workflow, grant)).toBe(starts);
  });
});
