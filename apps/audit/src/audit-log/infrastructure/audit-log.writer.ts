import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { EventEnvelope, EventRegistry } from '@mindhill/contracts';
import { pgTextArray, placeholders } from '@mindhill/persistence';
import { AuditRow, toAuditRow } from '../domain/audit-row.mapper';

const COLUMNS: (keyof AuditRow)[] = [
  'uuid', 'event_type', 'event_category', 'event_action', 'user_id', 'user_uuid', 'user_email', 'session_id', 'user_agent',
  'ip_address', 'resource_type', 'resource_id', 'resource_name', 'event_details', 'old_values', 'new_values', 'request_method',
  'request_url', 'response_status', 'severity', 'risk_level', 'compliance_tags', 'correlation_id', 'source_service', 'timestamp',
];
const JSON_COLUMNS = new Set<keyof AuditRow>(['event_details', 'old_values', 'new_values']);
// PostgreSQL allows 65535 bind parameters per statement.
const ROWS_PER_STATEMENT = Math.floor(60_000 / COLUMNS.length);

// Writes a batch of events as audit rows in one transaction. The event id is the row's uuid and
// the insert skips existing ones: this unique key is the audit consumer's inbox, so a
// redelivered event leaves exactly one row.
@Injectable()
export class AuditLogWriter {
  constructor(private readonly orm: MikroORM, private readonly registry: EventRegistry) {}

  async write(events: readonly EventEnvelope[]): Promise<{ inserted: number; duplicates: number }> {
    if (events.length === 0) return { inserted: 0, duplicates: 0 };
    const rows = events.map((e) => toAuditRow(this.registry, e));
    let inserted = 0;
    await this.orm.em.fork().transactional(async (em) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
        const result = await em.execute<unknown[]>(
          `INSERT INTO audit_logs (${COLUMNS.join(', ')}) VALUES ${placeholders(chunk.length, COLUMNS.length)} ON CONFLICT (uuid) DO NOTHING RETURNING 1`,
          chunk.flatMap((row) => COLUMNS.map((c) => bindValue(c, row[c]))),
        );
        inserted += result.length;
      }
    });
    return { inserted, duplicates: rows.length - inserted };
  }
}

function bindValue(column: keyof AuditRow, value: AuditRow[keyof AuditRow]): unknown {
  if (value === null) return null;
  if (JSON_COLUMNS.has(column)) return JSON.stringify(value);
  if (Array.isArray(value)) return pgTextArray(value);
  return value;
}
