import { ZodError } from 'zod';
import { EventDefinition } from './define-event';
import { EventEnvelope, envelopeSchema } from './envelope';
import { AUTH_MAIL_EVENTS } from './auth/mail.events';
import { sessionCreated, sessionRefreshed, sessionRevoked } from './auth/session.events';
import { AUTH_SETTING_TOPIC } from './auth/setting.events';
import { AUTH_SIGNING_KEY_EVENTS } from './auth/signing-key.events';
import { AUTH_IDENTITY_EVENTS, userLocked, userLoggedIn, userLoginFailed, userRegistered, userUnlocked } from './auth/user.events';
import { deadLetterDiscarded, deadLetterReplayed } from './audit/dead-letter.events';
import { auditRetentionApplied, auditRetentionCompleted } from './audit/retention.events';
import { authRetentionApplied, sessionsPurged } from './auth/retention.events';
import { backupCompleted, backupFailed } from './audit/backup.events';
import { auditScrubCompleted } from './audit/scrub.events';
import { GATEWAY_EVENTS } from './gateway';
import { INGESTION_EVENTS } from './ingestion';
import { PROCESSING_EVENTS } from './processing';
import { REPORTING_EVENTS } from './reporting';
import { ingestionStage, processingStage } from './stages/stage-outcome.events';
import { WORKFLOWS_EVENTS } from './workflows';

// Every event type of the platform. Topics are created from this list at start-up and the
// audit service subscribes to all of them.
export const EVENT_DEFINITIONS: readonly EventDefinition[] = [
  userRegistered,
  userLoggedIn,
  userLoginFailed,
  userLocked,
  userUnlocked,
  ...AUTH_IDENTITY_EVENTS,
  sessionCreated,
  sessionRefreshed,
  sessionRevoked,
  sessionsPurged,
  authRetentionApplied,
  ...AUTH_SIGNING_KEY_EVENTS,
  ...AUTH_MAIL_EVENTS,
  ...GATEWAY_EVENTS,
  ...WORKFLOWS_EVENTS,
  ...Object.values(ingestionStage),
  ...INGESTION_EVENTS,
  ...Object.values(processingStage),
  ...PROCESSING_EVENTS,
  ...REPORTING_EVENTS,
  deadLetterReplayed,
  deadLetterDiscarded,
  auditRetentionCompleted,
  auditRetentionApplied,
  auditScrubCompleted,
  backupCompleted,
  backupFailed,
];

// Topic-level settings. Setting events are keyed by setting and environment and compacted, so
// the latest value of every setting stays on the topic for good: a service that starts a year
// after a change still reads it (time-based retention would drop it after a week).
export const TOPIC_CONFIG: Readonly<Record<string, Record<string, string>>> = {
  [AUTH_SETTING_TOPIC]: { 'cleanup.policy': 'compact' },
};

// An upcaster turns a stored or received payload of version N into version N + 1.
export type Upcaster = { type: string; fromVersion: number; upcast: (payload: unknown) => unknown };

export class ContractError extends Error {
  constructor(
    readonly code: 'CONTRACT.UNKNOWN_TYPE' | 'CONTRACT.UNKNOWN_VERSION' | 'CONTRACT.INVALID_ENVELOPE' | 'CONTRACT.INVALID_PAYLOAD',
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}

export class EventRegistry {
  private readonly latest = new Map<string, EventDefinition>();
  private readonly upcasters = new Map<string, Upcaster>();

  constructor(definitions: readonly EventDefinition[], upcasters: readonly Upcaster[] = []) {
    for (const d of definitions) {
      const existing = this.latest.get(d.type);
      if (existing && existing.version === d.version) throw new Error(`Event ${d.type} v${d.version} defined twice`);
      if (!existing || existing.version < d.version) this.latest.set(d.type, d);
    }
    for (const u of upcasters) this.upcasters.set(`${u.type}@${u.fromVersion}`, u);
  }

  definition(type: string): EventDefinition {
    const d = this.latest.get(type);
    if (!d) throw new ContractError('CONTRACT.UNKNOWN_TYPE', `Unknown event type "${type}"`);
    return d;
  }

  topics(): string[] {
    return [...new Set([...this.latest.values()].map((d) => d.topic))].sort();
  }

  // Validates an incoming message (already JSON-parsed) and brings it to the latest version.
  parse(raw: unknown): EventEnvelope {
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success) {
      throw new ContractError('CONTRACT.INVALID_ENVELOPE', `Invalid envelope: ${formatIssues(envelope.error)}`);
    }
    const definition = this.definition(envelope.data.type);
    let { version, payload } = envelope.data;
    while (version < definition.version) {
      const upcaster = this.upcasters.get(`${definition.type}@${version}`);
      if (!upcaster) throw new ContractError('CONTRACT.UNKNOWN_VERSION', `No upcaster for ${definition.type} v${version}`);
      payload = upcaster.upcast(payload);
      version += 1;
    }
    if (version !== definition.version) {
      throw new ContractError(
        'CONTRACT.UNKNOWN_VERSION',
        `${definition.type} v${version} is newer than this service knows (v${definition.version})`,
      );
    }
    const parsed = definition.schema.safeParse(payload);
    if (!parsed.success) {
      throw new ContractError('CONTRACT.INVALID_PAYLOAD', `Invalid ${definition.type} payload: ${formatIssues(parsed.error)}`);
    }
    return { ...envelope.data, version, payload: parsed.data };
  }
}

function formatIssues(error: ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

export const eventRegistry = new EventRegistry(EVENT_DEFINITIONS);

export function deadLetterTopic(consumerService: string): string {
  return `${consumerService}.dead-letters.v1`;
}
