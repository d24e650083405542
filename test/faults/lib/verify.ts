import { Command } from './load';
import { Observer } from './observer';

export type Tally = {
  acked: number;
  indeterminate: number;
  rejected: number;
  lost: number;
  duplicated: number;
  unexpected: number;
  reportedLost: number; // acknowledged, gone, and named in a restore's report (the backup drill)
};
// An event a restore reported as lost (scripts/restore.ts): its id and its stream.
export type ReportedLoss = { eventId: string; stream: string };
const emptyTally = (): Tally => ({ acked: 0, indeterminate: 0, rejected: 0, lost: 0, duplicated: 0, unexpected: 0, reportedLost: 0 });
export type Verdict = { total: Tally; byPhase: Map<string, Tally>; details: string[]; examples: string[]; missingAuditIds: string[] };

// Jepsen-style check of every command against the final state:
//  lost       — acknowledged, but its projection row, its stored events or their audit rows are missing
//  duplicated — more than one projection row for one command, or a creation event stored twice
//  unexpected — a projection row for a command that was rejected or never sent, or whose id differs
//               from the acknowledged one; an audit row that matches no stored event
// A command that ended indeterminate (5xx, timeout) may or may not have happened: either is fine.
// After a restore (the backup drill), acknowledged work whose stream the restore's report names as
// lost counts as reportedLost, not lost; so does an audit row of an event the report names.
export async function projectionKeys(observer: Observer): Promise<Set<string>> {
  const users = await observer.query<{ key: string }>('auth', 'SELECT email AS key FROM users');
  const workflows = await observer.query<{ key: string }>('workflows', 'SELECT name AS key FROM workflows');
  return new Set([...users, ...workflows].map((r) => r.key));
}

// Stream ids are `<aggregate>-<uuid>`: the command's id is the trailing uuid.
const UUID_AT_END = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const aggregateIdOf = (streamId: string) => UUID_AT_END.exec(streamId)?.[1] ?? streamId;

export async function verify(
  observer: Observer,
  commands: Command[],
  ignoreAuditIds: string[],
  preexisting: Set<string>,
  reported: ReportedLoss[] = [],
): Promise<Verdict> {
  const reportedStreams = new Set(reported.map((e) => aggregateIdOf(e.stream)));
  const reportedEvents = new Set(reported.map((e) => e.eventId));
  const byPhase = new Map<string, Tally>();
  const tally = (phase: string) => {
    let t = byPhase.get(phase);
    if (!t) byPhase.set(phase, (t = emptyTally()));
    return t;
  };
  const details: string[] = [];
  const examples: string[] = [];
  const example = (s: string) => examples.length < 40 && examples.push(s);

  const users = await observer.query<{ id: string; key: string }>('auth', 'SELECT uuid::text AS id, email AS key FROM users');
  const workflows = await observer.query<{ id: string; key: string }>('workflows', 'SELECT uuid::text AS id, name AS key FROM workflows');
  const rowsByKey = { user: groupBy(users, (r) => r.key), workflow: groupBy(workflows, (r) => r.key) };
  const stored = new Map<string, { event_id: string; stream_id: string; type: string }[]>();
  const allEventIds = new Set<string>();
  const serviceOf = new Map<string, string>();
  for (const service of observer.pools.keys()) {
    const rows = await observer.query<{ event_id: string; stream_id: string; type: string }>(
      service,
      'SELECT event_id::text, stream_id, type FROM stored_event',
    );
    stored.set(service, rows);
    for (const r of rows) {
      allEventIds.add(r.event_id);
      serviceOf.set(r.event_id, `${service} ${r.type} ${r.stream_id}`);
    }
  }
  const eventsByStream = {
    user: groupBy(stored.get('auth') ?? [], (e) => aggregateIdOf(e.stream_id)),
    workflow: groupBy(stored.get('workflows') ?? [], (e) => aggregateIdOf(e.stream_id)),
  };
  const audit = await observer.query<{ uuid: string; event_type: string; source_service: string }>(
    'audit',
    'SELECT uuid::text, event_type, source_service FROM audit_logs',
  );
  const auditIds = new Set(audit.map((a) => a.uuid));
  let auditChecked = 0;
  const ackedEventIds = new Set<string>();

  const byKey = new Map<string, Command>();
  for (const c of commands) {
    byKey.set(c.key, c);
    const t = tally(c.phase);
    if (c.outcome === 'ack') t.acked++;
    else if (c.outcome === 'indeterminate' || c.outcome === 'pending') t.indeterminate++;
    else t.rejected++;
    const rows = rowsByKey[c.kind].get(c.key) ?? [];
    if (c.outcome === 'ack') {
      const mine = rows.filter((r) => r.id === c.id);
      const events = eventsByStream[c.kind].get(c.id!) ?? [];
      const creations = events.filter((e) => e.type.endsWith('.registered') || e.type.endsWith('.created'));
      if (mine.length === 0 && reportedStreams.has(c.id!)) {
        t.reportedLost++;
      } else if (mine.length === 0) {
        t.lost++;
        example(`lost ${c.kind} ${c.key} (${c.id}): no projection row [${c.phase}]`);
      } else if (events.length === 0) {
        t.lost++;
        example(`lost ${c.kind} ${c.key} (${c.id}): projection row without a stored event [${c.phase}]`);
      } else {
        const missing = events.filter((e) => !auditIds.has(e.event_id));
        auditChecked += events.length;
        for (const e of events) ackedEventIds.add(e.event_id);
        if (missing.length) {
          t.lost++;
          example(`lost audit rows for ${c.kind} ${c.key}: ${missing.map((e) => `${e.type} ${e.event_id}`).join(', ')} [${c.phase}]`);
        }
      }
      if (rows.length > 1 || creations.length > 1) {
        t.duplicated++;
        example(`duplicated ${c.kind} ${c.key}: ${rows.length} rows, ${creations.length} creation events [${c.phase}]`);
      }
      if (rows.some((r) => r.id !== c.id)) {
        t.unexpected++;
        example(`unexpected ${c.kind} row for ${c.key} with another id than the acknowledged ${c.id} [${c.phase}]`);
      }
    } else if (c.outcome === 'rejected' && rows.length > 0) {
      t.unexpected++;
      example(`unexpected ${c.kind} ${c.key}: rejected with ${c.status} but present [${c.phase}]`);
    } else if (rows.length > 1) {
      t.duplicated++;
      example(`duplicated ${c.kind} ${c.key} (indeterminate command): ${rows.length} rows [${c.phase}]`);
    }
  }
  // Rows nobody asked for.
  let strangers = 0;
  for (const kind of ['user', 'workflow'] as const) {
    for (const [key, rows] of rowsByKey[kind]) {
      if (byKey.has(key) || preexisting.has(key)) continue;
      strangers += rows.length;
      tally('(no command)').unexpected += rows.length;
      example(`unexpected ${kind} row ${key}: no such command was sent`);
    }
  }
  // Audit rows that match no stored event (gateway security events and the poison canary aside).
  const ignore = new Set(ignoreAuditIds);
  const gatewayRows = audit.filter((a) => a.source_service === 'gateway').length;
  const orphans = audit.filter(
    (a) => !allEventIds.has(a.uuid) && !ignore.has(a.uuid) && !reportedEvents.has(a.uuid) && a.source_service !== 'gateway',
  );
  if (orphans.length) {
    tally('(audit)').unexpected += orphans.length;
    for (const o of orphans.slice(0, 5)) example(`unexpected audit row ${o.uuid} ${o.event_type} from ${o.source_service}`);
  }
  const storedCount = [...stored.values()].reduce((s, l) => s + l.length, 0);
  const missingAuditIds = [...allEventIds].filter((id) => !auditIds.has(id));
  const missingAudit = missingAuditIds.length;
  const otherMissing = missingAuditIds.filter((id) => !ackedEventIds.has(id));
  if (otherMissing.length) {
    tally('(audit)').lost += otherMissing.length;
    for (const id of otherMissing.slice(0, 10)) example(`stored event without audit row: ${id} (${serviceOf.get(id)})`);
  }
  const indeterminateApplied = commands.filter(
    (c) => c.outcome !== 'ack' && c.outcome !== 'rejected' && (rowsByKey[c.kind].get(c.key)?.length ?? 0) > 0,
  ).length;
  details.push(
    `${users.length} users, ${workflows.length} workflows in the projections (${preexisting.size} present before the load: seed data); ${commands.filter((c) => c.outcome === 'ack').length} acknowledged commands checked`,
    `${storedCount} stored events in all services, ${audit.length} audit rows (${gatewayRows} gateway security events, ${ignore.size} canary); ${auditChecked} events of acknowledged commands checked against audit_logs`,
    `stored events without an audit row (any service): ${missingAudit}; audit rows without a stored event: ${orphans.length}; projection rows nobody asked for: ${strangers}`,
    `indeterminate commands that did take effect: ${indeterminateApplied} (allowed)`,
    ...(reported.length ? [`events a restore reported as lost: ${reported.length} (in ${reportedStreams.size} streams)`] : []),
    ...examples.map((e) => `  e.g. ${e}`),
  );
  const total = emptyTally();
  for (const t of byPhase.values()) for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k];
  return { total, byPhase, details, examples, missingAuditIds };
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of list) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}
