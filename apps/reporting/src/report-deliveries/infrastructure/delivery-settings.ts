import { Backoff } from '@mindhill/domain';
import { OutboundPolicy } from '@mindhill/platform';
import { DeliveryKeys } from '../domain/delivery-signing';

export const DELIVERY_SETTINGS = Symbol('DELIVERY_SETTINGS');

// The delivery context's configuration (reporting.config.ts), shaped for its use cases.
export type DeliverySettings = {
  attachmentMaxBytes: number;
  linkBaseUrl: string;
  linkTtlMs: number;
  keys: DeliveryKeys;
  maxAttempts: number;
  backoff: Backoff;
  webhookTimeoutMs: number;
  retentionDays: number;
  retentionHourUtc: number;
  outbound: OutboundPolicy;
};
