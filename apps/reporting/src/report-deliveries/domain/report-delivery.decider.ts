import { deliveryAttempted, deliveryDelivered, deliveryFailed, deliveryRequested, newEvent, NewEvent } from '@mindhill/contracts';
import { Decider, DomainError, seesEverything, Who } from '@mindhill/domain';

export type DeliveryChannel = 'email' | 'webhook';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
export type DeliveryWhere = 'sent' | 'written to the local mail folder' | 'posted';
export type MailMode = 'attachment' | 'link';

// One delivery as its rules see it (the report_deliveries row).
export type Delivery = {
  deliveryId: string;
  reportExecutionId: string;
  reportId: string;
  reportNumber: number;
  reportName: string;
  ownerNumber: number | null;
  channel: DeliveryChannel;
  target: string;
  webhookUrl: string | null;
  round: number;
  status: DeliveryStatus;
  // Every attempt so far (all rounds), and those of the current round.
  attempts: number;
  roundAttempts: number;
};
export type DeliveryState = Delivery | null;

// The run that just completed and where its report says to deliver it.
export type CompletedRun = {
  reportExecutionId: string;
  reportId: string;
  reportNumber: number;
  reportName: string;
  ownerNumber: number | null;
  emailRecipients: readonly string[];
  webhookUrl: string | null;
};

// What one attempt gave: taken (mail handed over or written, webhook answered 2xx), or not:
// `permanent` when trying again cannot help (5xx SMTP refusal, refused destination).
export type AttemptResult =
  | { ok: true; where: DeliveryWhere; responseCode: number | null; mode: MailMode | null }
  | { ok: false; permanent: boolean; errorCode: string; responseCode: number | null; mode: MailMode | null };

export type RetryPolicy = { maxAttempts: number; retryDelayMs: number };

export type DeliveryCommand =
  | { kind: 'plan'; run: CompletedRun; newId: (index: number) => string; now: string }
  | { kind: 'record-attempt'; round: number; result: AttemptResult; policy: RetryPolicy; now: string }
  | { kind: 'resend'; by: Who; now: string };

export const deliveryNotFound = () => new DomainError('REPORTING.DELIVERY_NOT_FOUND', 'No report delivery with this id', 'not-found');

// Who may see a delivery in the dead-letter list and resend it: its report's owner, or an admin.
// Anyone else is told it does not exist.
export function mayHandle(who: Who, delivery: Pick<Delivery, 'ownerNumber'>): boolean {
  return seesEverything(who) || (who.role === 'user' && who.userNumber !== null && who.userNumber === delivery.ownerNumber);
}

// The webhook URL as events and answers show it: its origin only, the rest elided, since a token
// may hide in the path (`/services/T0/B0/<token>`), the query or the fragment.
export function displayTarget(url: string): string {
  try {
    const parsed = new URL(url);
    const rest = parsed.pathname !== '/' || parsed.search !== '' || parsed.hash !== '';
    return `${parsed.origin}${rest ? '/…' : '/'}`;
  } catch {
    return '[invalid URL]';
  }
}

// A file travels in the mail up to the size limit; above it, the mail carries a signed link.
export function mailMode(fileSizeBytes: number, maxAttachmentBytes: number): MailMode {
  return fileSizeBytes <= maxAttachmentBytes ? 'attachment' : 'link';
}

// A delivery waits for an attempt of `round`; anything else is a stale job.
export function attemptDue(state: DeliveryState, round: number): state is Delivery {
  return state?.status === 'pending' && state.round === round;
}

// The life of a delivery: planned when its run completes (one per distinct e-mail address, one for
// the webhook), attempted until taken, refused for good or out of attempts, resent on request.
export const reportDeliveryDecider: Decider<DeliveryState, DeliveryCommand> = {
  decide(state, command) {
    switch (command.kind) {
      case 'plan':
        return plan(command);
      case 'record-attempt':
        return attemptDue(state, command.round) ? recordAttempt(state, command) : [];
      case 'resend':
        return resend(state, command);
    }
  },
};

function plan({ run, newId, now }: Extract<DeliveryCommand, { kind: 'plan' }>): NewEvent[] {
  const seen = new Set<string>();
  const targets: { channel: DeliveryChannel; target: string; webhookUrl: string | null }[] = [];
  for (const address of run.emailRecipients) {
    const trimmed = address.trim();
    if (!trimmed || seen.has(trimmed.toLowerCase())) continue;
    seen.add(trimmed.toLowerCase());
    targets.push({ channel: 'email', target: trimmed, webhookUrl: null });
  }
  if (run.webhookUrl) targets.push({ channel: 'webhook', target: displayTarget(run.webhookUrl), webhookUrl: run.webhookUrl });
  return targets.map((t, i) =>
    newEvent(deliveryRequested, {
      deliveryId: newId(i),
      reportExecutionId: run.reportExecutionId,
      reportId: run.reportId,
      reportNumber: run.reportNumber,
      reportName: run.reportName,
      ownerNumber: run.ownerNumber,
      channel: t.channel,
      target: t.target,
      round: 1,
      requestedBy: null,
      requestedAt: now,
      webhookUrl: t.webhookUrl,
    }),
  );
}

function recordAttempt(state: Delivery, command: Extract<DeliveryCommand, { kind: 'record-attempt' }>): NewEvent[] {
  const { result, policy, now } = command;
  const attempt = state.attempts + 1;
  const roundAttempt = state.roundAttempts + 1;
  const base = { deliveryId: state.deliveryId, reportExecutionId: state.reportExecutionId, channel: state.channel, target: state.target };
  if (result.ok) {
    return [
      newEvent(deliveryAttempted, {
        ...base,
        round: state.round,
        attempt,
        outcome: 'delivered',
        where: result.where,
        mode: result.mode,
        responseCode: result.responseCode,
        errorCode: null,
        nextAttemptAt: null,
        attemptedAt: now,
      }),
      newEvent(deliveryDelivered, { ...base, attempts: attempt, where: result.where, responseCode: result.responseCode, deliveredAt: now }),
    ];
  }
  const giveUp = result.permanent || roundAttempt >= policy.maxAttempts;
  const nextAttemptAt = giveUp ? null : new Date(Date.parse(now) + policy.retryDelayMs).toISOString();
  const attempted = newEvent(deliveryAttempted, {
    ...base,
    round: state.round,
    attempt,
    outcome: giveUp ? 'failed' : 'retry',
    where: null,
    mode: result.mode,
    responseCode: result.responseCode,
    errorCode: result.errorCode,
    nextAttemptAt,
    attemptedAt: now,
  });
  if (!giveUp) return [attempted];
  return [
    attempted,
    newEvent(deliveryFailed, { ...base, attempts: attempt, errorCode: result.errorCode, responseCode: result.responseCode, failedAt: now }),
  ];
}

// Owner or admin (anyone else: 404); a delivery still being attempted is not resent (409).
function resend(state: DeliveryState, { by, now }: Extract<DeliveryCommand, { kind: 'resend' }>): NewEvent[] {
  if (!state || !mayHandle(by, state)) throw deliveryNotFound();
  if (state.status === 'pending') {
    throw new DomainError('REPORTING.DELIVERY_IN_PROGRESS', 'This delivery is still being attempted', 'conflict', { status: state.status });
  }
  return [
    newEvent(deliveryRequested, {
      deliveryId: state.deliveryId,
      reportExecutionId: state.reportExecutionId,
      reportId: state.reportId,
      reportNumber: state.reportNumber,
      reportName: state.reportName,
      ownerNumber: state.ownerNumber,
      channel: state.channel,
      target: state.target,
      round: state.round + 1,
      requestedBy: by.userNumber,
      requestedAt: now,
      webhookUrl: state.webhookUrl,
    }),
  ];
}
