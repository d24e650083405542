import { EntityManager } from '@mikro-orm/postgresql';
import { Who } from '@mindhill/platform';
import { iso } from '../../reports/infrastructure/report.read-model';
import { Delivery, DeliveryChannel, DeliveryStatus } from '../domain/report-delivery.decider';

// A delivery as the API shows it: the webhook URL as its origin only, never a secret.
export type DeliveryReceipt = {
  attempt: number;
  round: number;
  outcome: 'delivered' | 'retry' | 'failed';
  where: string | null;
  mode: string | null;
  responseCode: number | null;
  errorCode: string | null;
  nextAttemptAt: string | null;
  at: string;
};
export type DeliveryView = {
  id: string;
  reportExecutionId: string;
  reportId: string;
  reportNumber: number;
  reportName: string;
  channel: DeliveryChannel;
  target: string;
  status: DeliveryStatus;
  // For e-mail: "sent" only when an SMTP server took the mail, else "written to the local mail folder".
  where: string | null;
  mode: string | null;
  round: number;
  attempts: number;
  lastResponseCode: number | null;
  lastErrorCode: string | null;
  nextAttemptAt: string | null;
  receipts: DeliveryReceipt[];
  requestedAt: string;
  finishedAt: string | null;
  updatedAt: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function toDeliveryState(row: Record<string, unknown>): Delivery {
  return {
    deliveryId: String(row.uuid),
    reportExecutionId: String(row.report_execution_id),
    reportId: String(row.report_id),
    reportNumber: Number(row.report_number),
    reportName: String(row.report_name),
    ownerNumber: num(row.owner_number),
    channel: row.channel as DeliveryChannel,
    target: String(row.target),
    webhookUrl: (row.webhook_url as string | null) ?? null,
    round: Number(row.round),
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    roundAttempts: Number(row.round_attempts),
  };
}

export function toDeliveryView(row: Record<string, unknown>): DeliveryView {
  return {
    id: String(row.uuid),
    reportExecutionId: String(row.report_execution_id),
    reportId: String(row.report_id),
    reportNumber: Number(row.report_number),
    reportName: String(row.report_name),
    channel: row.channel as DeliveryChannel,
    target: String(row.target),
    status: row.status as DeliveryStatus,
    where: (row.delivered_where as string | null) ?? null,
    mode: (row.mode as string | null) ?? null,
    round: Number(row.round),
    attempts: Number(row.attempts),
    lastResponseCode: num(row.last_response_code),
    lastErrorCode: (row.last_error_code as string | null) ?? null,
    nextAttemptAt: iso(row.next_attempt_at),
    receipts: (row.attempt_log as DeliveryReceipt[] | null) ?? [],
    requestedAt: iso(row.requested_at)!,
    finishedAt: iso(row.finished_at),
    updatedAt: iso(row.updated_at)!,
  };
}

// The row, locked when `forUpdate` (an attempt or a resend decides under it).
export async function findDeliveryRow(em: EntityManager, uuid: string, forUpdate = false): Promise<Record<string, unknown> | null> {
  if (!UUID.test(uuid)) return null;
  const [row] = await em.execute<Record<string, unknown>[]>(
    `SELECT * FROM report_deliveries WHERE uuid = ?${forUpdate ? ' FOR UPDATE' : ''}`,
    [uuid],
  );
  return row ?? null;
}

export async function listExecutionDeliveries(em: EntityManager, executionId: string): Promise<DeliveryView[]> {
  const rows = await em.execute<Record<string, unknown>[]>(
    'SELECT * FROM report_deliveries WHERE report_execution_id = ? ORDER BY requested_at, channel, target',
    [executionId],
  );
  return rows.map(toDeliveryView);
}

// Deliveries by status, newest change first: all of them for an admin, a user's own reports' otherwise.
export async function listDeliveries(
  em: EntityManager,
  who: Who,
  filter: { status?: DeliveryStatus; limit: number; before?: string },
): Promise<DeliveryView[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status) {
    where.push('status = ?');
    params.push(filter.status);
  }
  if (who.role !== 'admin' && who.role !== 'system') {
    if (who.role !== 'user' || who.userNumber === null) return [];
    where.push('owner_number = ?');
    params.push(who.userNumber);
  }
  if (filter.before) {
    where.push('updated_at < ?');
    params.push(filter.before);
  }
  const rows = await em.execute<Record<string, unknown>[]>(
    `SELECT * FROM report_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, uuid LIMIT ?`,
    [...params, filter.limit],
  );
  return rows.map(toDeliveryView);
}

// What planning needs from the run and its report now: the recipients and the owner. None for a
// run completed before deliveries existed (report_delivery_epoch).
export async function findCompletedRun(
  em: EntityManager,
  executionId: string,
): Promise<{ ownerNumber: number | null; emailRecipients: string[]; webhookUrl: string | null } | null> {
  const [row] = await em.execute<{ created_by: number | null; email_recipients: string[] | null; webhook_url: string | null }[]>(
    `SELECT r.created_by, r.email_recipients, r.webhook_url FROM report_executions x JOIN flux_reports r ON r.id = x.report_id
      WHERE x.uuid = ? AND x.completed_at >= (SELECT started_at FROM report_delivery_epoch)`,
    [executionId],
  );
  if (!row) return null;
  return {
    ownerNumber: row.created_by === null ? null : Number(row.created_by),
    emailRecipients: row.email_recipients ?? [],
    webhookUrl: row.webhook_url ?? null,
  };
}

// The file to deliver: path, format, size and when it was generated.
export type DeliverableRun = {
  reportExecutionNumber: number;
  reportNumber: number;
  reportName: string;
  outputFormat: string;
  outputFilePath: string | null;
  outputFileSizeBytes: number;
  generatedAt: string | null;
};

export async function findDeliverableRun(em: EntityManager, executionId: string): Promise<DeliverableRun | null> {
  const [row] = await em.execute<Record<string, unknown>[]>(
    `SELECT x.id, x.report_id, r.report_name, x.output_format, x.output_file_path, x.output_file_size_bytes, x.completed_at
       FROM report_executions x JOIN flux_reports r ON r.id = x.report_id WHERE x.uuid = ? AND x.status = 'Success'`,
    [executionId],
  );
  if (!row) return null;
  return {
    reportExecutionNumber: Number(row.id),
    reportNumber: Number(row.report_id),
    reportName: String(row.report_name),
    outputFormat: String(row.output_format),
    outputFilePath: (row.output_file_path as string | null) ?? null,
    outputFileSizeBytes: Number(row.output_file_size_bytes ?? 0),
    generatedAt: iso(row.completed_at),
  };
}

// Finished deliveries (delivered or failed) whose last change is older than the cutoff.
export async function countFinishedBefore(em: EntityManager, cutoff: string): Promise<number> {
  const [row] = await em.execute<{ n: string }[]>(
    `SELECT count(*) AS n FROM report_deliveries WHERE status <> 'pending' AND finished_at < ?`,
    [cutoff],
  );
  return Number(row?.n ?? 0);
}

export async function deleteFinishedBefore(em: EntityManager, cutoff: string): Promise<number> {
  const rows = await em.execute<unknown[]>(
    `DELETE FROM report_deliveries WHERE status <> 'pending' AND finished_at < ? RETURNING 1`,
    [cutoff],
    'all',
  );
  return rows.length;
}
