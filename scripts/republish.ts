import { Client } from 'pg';
import { eventRegistry } from '@mindhill/contracts';
import { envelopeOf, headersOf, StoredEventRow } from '@mindhill/persistence';
import { APPS, databaseUrlOf } from './service-catalog';

// `npm run republish -- <service> [--since <position>]`: puts a service's stored events (after
// `position`, default all) back into its outbox, in order; the service's relay publishes them as
// it does every event. For a lost or new broker (docs/backup-and-restore.md, case 3): consumers
// drop what their inboxes already hold, so sending too much is safe and sending too little is not.
// Each message carries the public schema only, brought to the latest version, as at first publish.
export async function republish(url: string, since = 0n, batch = 500): Promise<{ events: number; lastPosition: string | null }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  let events = 0;
  let last: string | null = null;
  try {
    for (let after = since; ;) {
      const { rows } = await client.query<StoredEventRow>(
        `SELECT position::text AS position, event_id, stream_id, stream_type, version, type, schema_version, payload, metadata, occurred_at
           FROM stored_event WHERE stored_event.position > $1 ORDER BY stored_event.position LIMIT $2`,
        [after.toString(), batch],
      );
      if (rows.length === 0) break;
      const values: unknown[] = [];
      for (const row of rows) {
        const envelope = eventRegistry.parse(envelopeOf(row));
        values.push(envelope.eventId, eventRegistry.definition(envelope.type).topic, envelope.aggregateId, envelope, headersOf(envelope));
      }
      const placeholders = rows.map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`).join(', ');
      await client.query(`INSERT INTO outbox (event_id, topic, message_key, message, headers) VALUES ${placeholders}`, values);
      events += rows.length;
      last = rows[rows.length - 1]!.position;
      after = BigInt(last);
    }
    return { events, lastPosition: last };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const [name, flag, value] = process.argv.slice(2);
  const app = APPS.find((a) => a.name === name && a.migrations);
  if (!app || (flag !== undefined && flag !== '--since')) {
    throw new Error(
      `Usage: npm run republish -- <${APPS.filter((a) => a.migrations)
        .map((a) => a.name)
        .join('|')}> [--since <position>]`,
    );
  }
  const { events, lastPosition } = await republish(databaseUrlOf(app, process.env), BigInt(value ?? '0'));
  process.stdout.write(
    `${name}: ${events} stored event(s) put in the outbox${lastPosition ? ` (up to position ${lastPosition})` : ''}; the service publishes them when it runs\n`,
  );
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`Republish failed: ${error.message}\n`);
    process.exit(1);
  });
}
