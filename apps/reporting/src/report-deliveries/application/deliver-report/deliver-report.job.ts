import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { deliveryAttempted, streamIds } from '@mindhill/contracts';
import { backoffDelayMs } from '@mindhill/domain';
import { completeJob, enqueueJob, EventStore, Job, JobWorker } from '@mindhill/persistence';
import { getLogger, guardedFetch, MAIL_TRANSPORT, MailSendError, MailTransport, OutboundError } from '@mindhill/platform';
import { requestContext } from '../../../report-executions/infrastructure/report-execution.read-model';
import { openReportFile, REPORT_OUTPUT, ReportOutputSettings } from '../../../report-executions/infrastructure/report-output.store';
import { signDownloadLink, webhookSignatureHeaders, reportWebhookSecret } from '../../domain/delivery-signing';
import { attemptDue, AttemptResult, Delivery, mailMode, reportDeliveryDecider } from '../../domain/report-delivery.decider';
import { DELIVERY_SETTINGS, DeliverySettings } from '../../infrastructure/delivery-settings';
import { DeliverableRun, findDeliverableRun, findDeliveryRow, toDeliveryState } from '../../infrastructure/report-delivery.read-model';
import { DELIVER_REPORT_JOB, DeliverReportPayload, deliverReportJobKey, deliverReportPayload } from './deliver-report.schema';

// Unexpected failures (database, disk) of one attempt's job are retried by the queue this many
// times; the delivery's own attempts and backoff are the decider's.
const JOB_ATTEMPT_CAP = 10;
const WEBHOOK_ANSWER_MAX_BYTES = 64 * 1024;

// Runs one delivery attempt: the mail through MailTransport (file attached, or a signed link above
// the size limit) or the webhook POST through the outbound guard, signed; then records the receipt,
// the outcome and the next attempt's job with the job's completion in one transaction. The mail id
// and the webhook-id stay the same for every attempt of a round, so a re-run after a crash carries
// the same Message-ID / webhook-id (at-least-once, deduplicable by the receiver).
@Injectable()
export class DeliverReportJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = getLogger('report-delivery');
  private readonly worker: JobWorker;

  constructor(
    orm: MikroORM,
    private readonly events: EventStore,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
    @Inject(REPORT_OUTPUT) private readonly output: ReportOutputSettings,
    @Inject(MAIL_TRANSPORT) private readonly mail: MailTransport,
  ) {
    this.worker = new JobWorker(orm, {
      kinds: [DELIVER_REPORT_JOB],
      handle: (job) => this.run(job),
      concurrency: 2,
      leaseMs: Math.max(60_000, settings.webhookTimeoutMs * 3),
      maxAttempts: JOB_ATTEMPT_CAP,
    });
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
    this.mail.close();
  }

  kick(): void {
    this.worker.kick();
  }

  async run(job: Job): Promise<void> {
    const payload = deliverReportPayload.parse(job.payload);
    const row = await findDeliveryRow(this.events.readModel(), payload.deliveryId);
    const state = row ? toDeliveryState(row) : null;
    if (!due(state, payload)) {
      await this.events.transact((tx) => completeJob(tx.em, job.id));
      return;
    }
    const run = await findDeliverableRun(this.events.readModel(), state.reportExecutionId);
    const result = run ? await this.attempt(state, run, payload) : failure(true, 'REPORTING.OUTPUT_NOT_FOUND', null, null);
    let enqueued = false;
    await this.events.transact(async (tx) => {
      const locked = await findDeliveryRow(tx.em, payload.deliveryId, true);
      const current = locked ? toDeliveryState(locked) : null;
      if (!due(current, payload)) return completeJob(tx.em, job.id);
      const now = new Date();
      const events = reportDeliveryDecider.decide(current, {
        kind: 'record-attempt',
        round: payload.round,
        result,
        policy: { maxAttempts: this.settings.maxAttempts, retryDelayMs: backoffDelayMs(payload.attempt, this.settings.backoff) },
        now: now.toISOString(),
      });
      const streamId = streamIds.delivery(current.deliveryId);
      await tx.appendAtCurrent(streamId, events, await requestContext(tx.em, streamId));
      const attempted = events.find((e) => e.definition === deliveryAttempted);
      const nextAttemptAt = attempted?.payload.nextAttemptAt;
      if (typeof nextAttemptAt === 'string') {
        const next = { deliveryId: current.deliveryId, round: payload.round, attempt: payload.attempt + 1 };
        await enqueueJob(tx.em, {
          key: deliverReportJobKey(next),
          kind: DELIVER_REPORT_JOB,
          payload: next,
          runAfter: new Date(nextAttemptAt),
        });
        enqueued = true;
      }
      await completeJob(tx.em, job.id);
    });
    if (enqueued) this.kick();
  }

  private async attempt(delivery: Delivery, run: DeliverableRun, payload: DeliverReportPayload): Promise<AttemptResult> {
    try {
      return delivery.channel === 'email' ? await this.sendMail(delivery, run, payload) : await this.postWebhook(delivery, run, payload);
    } catch (error) {
      if (error instanceof MailSendError) {
        return failure(
          error.permanent,
          error.permanent ? 'REPORTING.MAIL_REFUSED' : 'REPORTING.MAIL_UNAVAILABLE',
          error.responseCode ?? null,
          null,
        );
      }
      if (error instanceof OutboundError) return failure(!error.retriable, error.code, null, null);
      this.logger.warn({ err: error, deliveryId: delivery.deliveryId }, 'Report delivery attempt failed');
      return failure(false, 'REPORTING.DELIVERY_ERROR', null, null);
    }
  }

  private downloadLink(executionId: string): { url: string; expiresAt: string } {
    const expiresAt = new Date(Date.now() + this.settings.linkTtlMs);
    const { expires, signature } = signDownloadLink(this.settings.keys, executionId, expiresAt);
    const url = new URL(`/api/v1/report-downloads/${executionId}`, this.settings.linkBaseUrl);
    url.searchParams.set('expires', String(expires));
    url.searchParams.set('signature', signature);
    return { url: url.toString(), expiresAt: new Date(expires * 1000).toISOString() };
  }

  private fileName(run: DeliverableRun): string {
    return `report-${run.reportNumber}-run-${run.reportExecutionNumber}.${run.outputFormat}`;
  }

  private async sendMail(delivery: Delivery, run: DeliverableRun, payload: DeliverReportPayload): Promise<AttemptResult> {
    const mode = mailMode(run.outputFileSizeBytes, this.settings.attachmentMaxBytes);
    // A report name is user text: one line in the subject, whatever it holds.
    const subject = `Report "${run.reportName.replace(/[\r\n\t]+/g, ' ')}" run #${run.reportExecutionNumber} is ready`;
    const intro = `The report "${run.reportName}" (#${run.reportNumber}) finished run #${run.reportExecutionNumber} at ${run.generatedAt ?? 'an unknown time'}.`;
    let text: string;
    let attachments: { filename: string; content: Buffer; contentType?: string }[] | undefined;
    if (mode === 'attachment') {
      const file = run.outputFilePath ? await openReportFile(this.output, run.outputFilePath) : null;
      if (!file) return failure(true, 'REPORTING.OUTPUT_NOT_FOUND', null, mode);
      const chunks: Buffer[] = [];
      for await (const chunk of file.stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
      attachments = [{ filename: this.fileName(run), content: Buffer.concat(chunks) }];
      text = `${intro}\n\nThe file is attached (${this.fileName(run)}, ${run.outputFileSizeBytes} bytes).\n`;
    } else {
      const link = this.downloadLink(delivery.reportExecutionId);
      text = `${intro}\n\nThe file (${run.outputFileSizeBytes} bytes) is too large to attach. Download it until ${link.expiresAt}:\n${link.url}\n`;
    }
    const receipt = await this.mail.send({
      id: roundId(delivery.deliveryId, payload.round, '.r'),
      to: delivery.target,
      subject,
      text,
      attachments,
      headers: { 'X-Mindhill-Report-Execution': delivery.reportExecutionId },
    });
    return { ok: true, where: receipt.where, responseCode: null, mode };
  }

  private async postWebhook(delivery: Delivery, run: DeliverableRun, payload: DeliverReportPayload): Promise<AttemptResult> {
    if (!delivery.webhookUrl) return failure(true, 'OUTBOUND.INVALID_URL', null, null);
    const link = this.downloadLink(delivery.reportExecutionId);
    const body = JSON.stringify({
      type: 'report.run.completed',
      deliveryId: delivery.deliveryId,
      report: { id: delivery.reportId, name: run.reportName, number: run.reportNumber },
      execution: { id: delivery.reportExecutionId, number: run.reportExecutionNumber },
      format: run.outputFormat,
      sizeBytes: run.outputFileSizeBytes,
      generatedAt: run.generatedAt,
      download: link,
    });
    const secret = reportWebhookSecret(this.settings.keys, delivery.reportId);
    const answer = await guardedFetch(
      delivery.webhookUrl,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'MindHillmetric-Webhook/1',
          ...webhookSignatureHeaders(secret, roundId(delivery.deliveryId, payload.round, '_r'), body, new Date()),
        },
        body,
        timeoutMs: this.settings.webhookTimeoutMs,
        maxBytes: WEBHOOK_ANSWER_MAX_BYTES,
        secretHeaders: ['webhook-signature'],
      },
      this.settings.outbound,
    );
    if (answer.status >= 200 && answer.status < 300) return { ok: true, where: 'posted', responseCode: answer.status, mode: null };
    return failure(false, 'REPORTING.WEBHOOK_REJECTED', answer.status, null);
  }
}

function due(state: Delivery | null, payload: DeliverReportPayload): state is Delivery {
  return attemptDue(state, payload.round) && state.roundAttempts + 1 === payload.attempt;
}

function failure(permanent: boolean, errorCode: string, responseCode: number | null, mode: AttemptResult['mode']): AttemptResult {
  return { ok: false, permanent, errorCode, responseCode, mode };
}

// The first round keeps the delivery id itself; a resend is a new mail / webhook message.
function roundId(deliveryId: string, round: number, separator: string): string {
  return round === 1 ? deliveryId : `${deliveryId}${separator}${round}`;
}
