import { isIP } from 'node:net';
import { EventEnvelope, EventRegistry } from '@mindhill/contracts';
import { redactSecrets } from '@mindhill/domain';

export type AuditRow = {
  uuid: string;
  event_type: string;
  event_category: string;
  event_action: string;
  user_id: number | null;
  user_uuid: string | null;
  user_email: string | null;
  session_id: string | null;
  user_agent: string | null;
  ip_address: string | null;
  resource_type: string;
  resource_id: string;
  resource_name: string | null;
  event_details: Record<string, unknown>;
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown> | null;
  request_method: string | null;
  request_url: string | null;
  response_status: number | null;
  severity: string;
  risk_level: string;
  compliance_tags: string[];
  correlation_id: string;
  source_service: string;
  timestamp: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Turns one event into its audit row, as the event's contract describes it. The payload is
// stored redacted; for events about a user that carry no authenticated actor (register, a
// failed login), the user comes from the payload.
export function toAuditRow(registry: EventRegistry, event: EventEnvelope): AuditRow {
  const definition = registry.definition(event.type);
  const audit = definition.audit;
  const payload = isRecord(event.payload) ? event.payload : {};
  const payloadUserId = typeof payload.userId === 'string' && UUID.test(payload.userId) ? payload.userId : null;
  const payloadUserNumber = typeof payload.userNumber === 'number' ? payload.userNumber : null;
  const payloadEmail = typeof payload.email === 'string' ? payload.email : null;
  const userUuid = event.actor.userId ?? (definition.aggregateType === 'user' ? payloadUserId : null);
  return {
    uuid: event.eventId,
    event_type: event.type,
    event_category: audit.category,
    event_action: audit.action,
    user_id: event.actor.userNumber ?? (definition.aggregateType === 'user' ? payloadUserNumber : null),
    user_uuid: userUuid && UUID.test(userUuid) ? userUuid : null,
    user_email: truncate(event.actor.email ?? (definition.aggregateType === 'user' ? payloadEmail : null), 255),
    session_id: truncate(event.actor.sessionId, 255),
    user_agent: event.actor.userAgent,
    ip_address: event.actor.ip && isIP(event.actor.ip) ? event.actor.ip : null,
    resource_type: audit.resourceType,
    resource_id: truncate(event.aggregateId, 200)!,
    resource_name: truncate(audit.resourceName?.(payload) ?? null, 200),
    event_details: redactSecrets({
      payload: withoutContent(payload, audit.contentFields),
      eventVersion: event.version,
      aggregateVersion: event.aggregateVersion,
      causationId: event.causationId,
    }),
    old_values: audit.oldValues ? redactSecrets(audit.oldValues(payload)) : null,
    new_values: audit.newValues ? redactSecrets(audit.newValues(payload)) : null,
    request_method: truncate(event.actor.requestMethod, 10),
    request_url: event.actor.requestUrl,
    response_status: audit.responseStatus ?? null,
    severity: audit.severity,
    risk_level: audit.riskLevel ?? 'low',
    compliance_tags: audit.category === 'security' ? ['security'] : [],
    correlation_id: truncate(event.correlationId, 200)!,
    source_service: truncate(event.producer, 50)!,
    timestamp: event.occurredAt,
  };
}

// The payload as an audit row keeps it: the contract's content fields left out.
export function withoutContent(payload: Record<string, unknown>, contentFields: readonly string[] | undefined): Record<string, unknown> {
  if (!contentFields?.length) return payload;
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !contentFields.includes(key)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function truncate(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  return value.length > max ? value.slice(0, max) : value;
}
