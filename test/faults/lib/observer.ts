import { Admin, Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { AppName, AppProcess, sleep } from './infra';

// The harness's own eyes: SQL on the service databases, /metrics of every app, and committed
// offsets vs high watermarks from an admin client.
export class Observer {
  readonly pools = new Map<string, Pool>();
  private admin?: Admin;
  private readonly kafka: Kafka;
  // Counters summed over process restarts (a restarted process starts again from 0).
  private readonly lastSeen = new Map<string, number>();
  private readonly carried = new Map<string, number>();
  private scrapeTimer?: NodeJS.Timeout;

  constructor(
    private readonly dbUrls: Record<string, string>,
    brokers: string,
    private readonly apps: AppProcess[],
  ) {
    this.kafka = new Kafka({
      clientId: 'faults-observer',
      brokers: [brokers],
      connectionTimeout: 2_000,
      requestTimeout: 5_000,
      retry: { retries: 1, initialRetryTime: 100 },
      logLevel: logLevel.NOTHING,
    });
  }

  pool(service: string): Pool {
    let pool = this.pools.get(service);
    if (!pool) {
      pool = new Pool({ connectionString: this.dbUrls[service], max: 3, connectionTimeoutMillis: 3_000, idleTimeoutMillis: 5_000 });
      pool.on('error', () => undefined); // idle clients die on a PostgreSQL restart
      this.pools.set(service, pool);
    }
    return pool;
  }

  async query<T = any>(service: string, sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool(service).query(sql, params)).rows as T[];
  }

  // Rows waiting in every service's outbox; null when a database does not answer.
  async outboxBacklog(): Promise<number | null> {
    try {
      let total = 0;
      for (const service of Object.keys(this.dbUrls)) {
        const [row] = await this.query<{ n: string }>(service, 'SELECT count(*) AS n FROM outbox');
        total += Number(row?.n ?? 0);
      }
      return total;
    } catch {
      return null;
    }
  }

  private async getAdmin(): Promise<Admin> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      try {
        await this.admin.connect();
      } catch (error) {
        this.admin = undefined;
        throw error;
      }
    }
    return this.admin;
  }

  async resetAdmin(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
  }

  // Sum over the group's topics of (high watermark - committed offset); null when Kafka does not answer.
  async groupLag(groupId: string): Promise<number | null> {
    try {
      const admin = await this.getAdmin();
      const committed = await admin.fetchOffsets({ groupId });
      let lag = 0;
      for (const { topic, partitions } of committed) {
        const ends = await admin.fetchTopicOffsets(topic);
        for (const end of ends) {
          const c = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
          lag += Math.max(0, Number(end.high) - (c < 0 ? Number(end.low) : c));
        }
      }
      return committed.length === 0 ? null : lag;
    } catch {
      await this.resetAdmin();
      return null;
    }
  }

  // Under a constant load a busy group's lag is seldom 0 at the instant it is sampled: recovery is measured
  // as "caught up with what existed at a moment" instead. The high watermarks of the group's topics now
  // (key topic:partition), null when Kafka does not answer.
  async groupEnds(groupId: string): Promise<Map<string, number> | null> {
    try {
      const admin = await this.getAdmin();
      const ends = new Map<string, number>();
      for (const { topic } of await admin.fetchOffsets({ groupId }))
        for (const end of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}:${end.partition}`, Number(end.high));
      return ends;
    } catch {
      await this.resetAdmin();
      return null;
    }
  }

  // Whether the group's committed offsets reached `ends` on every partition.
  async caughtUp(groupId: string, ends: Map<string, number>): Promise<boolean> {
    try {
      const admin = await this.getAdmin();
      const committed = new Map<string, number>();
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId }))
        for (const p of partitions) committed.set(`${topic}:${p.partition}`, Number(p.offset));
      return [...ends].every(([key, end]) => end === 0 || (committed.get(key) ?? -1) >= end);
    } catch {
      await this.resetAdmin();
      return false;
    }
  }

  // The newest outbox row id of every service (0 when empty); null when a database does not answer.
  async outboxMarks(): Promise<Map<string, number> | null> {
    try {
      const marks = new Map<string, number>();
      for (const service of Object.keys(this.dbUrls)) {
        const [row] = await this.query<{ id: string | null }>(service, 'SELECT max(id)::text AS id FROM outbox');
        marks.set(service, Number(row?.id ?? 0));
      }
      return marks;
    } catch {
      return null;
    }
  }

  // Whether every outbox row up to `marks` is gone (published).
  async outboxPast(marks: Map<string, number>): Promise<boolean> {
    try {
      for (const [service, id] of marks) {
        const [row] = await this.query<{ left: boolean }>(service, 'SELECT EXISTS (SELECT 1 FROM outbox WHERE id <= $1) AS left', [id]);
        if (row?.left) return false;
      }
      return true;
    } catch {
      return false;
    }
  }

  // Every consumer group: state, members and lag (for the liveness check at the end).
  async describeGroups(): Promise<{ groupId: string; state: string; members: number; clientIds: string[]; lag: number | null }[]> {
    const admin = await this.getAdmin();
    const { groups } = await admin.listGroups();
    const ids = groups.map((g) => g.groupId).filter((g) => !g.startsWith('faults-'));
    if (ids.length === 0) return [];
    const described = await admin.describeGroups(ids);
    const out = [];
    for (const g of described.groups) {
      out.push({
        groupId: g.groupId,
        state: g.state,
        members: g.members.length,
        clientIds: [...new Set(g.members.map((m) => m.clientId))],
        lag: await this.groupLag(g.groupId),
      });
    }
    return out.sort((a, b) => a.groupId.localeCompare(b.groupId));
  }

  // The groups every replica of `service` shares (not the per-process ones: <app>.<name>.<host>.<pid>.<hex>),
  // with their members' client ids; no lag (cheap enough to poll).
  async sharedGroupsOf(service: string): Promise<{ groupId: string; state: string; members: number; clientIds: string[] }[]> {
    const admin = await this.getAdmin();
    const ids = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(`${service}.`) && !/\.\d+\.[0-9a-f]+$/.test(g));
    if (ids.length === 0) return [];
    return (await admin.describeGroups(ids)).groups.map((g) => ({
      groupId: g.groupId,
      state: g.state,
      members: g.members.length,
      clientIds: g.members.map((m) => m.clientId),
    }));
  }

  async listTopics(): Promise<string[]> {
    return (await this.getAdmin()).listTopics();
  }

  get kafkaClient(): Kafka {
    return this.kafka;
  }

  // ------------------------------------------------------------ metrics
  startScraping(intervalMs = 1_000): void {
    this.scrapeTimer = setInterval(() => void this.scrapeAll(), intervalMs);
  }

  stopScraping(): void {
    clearInterval(this.scrapeTimer);
  }

  async scrapeAll(): Promise<void> {
    await Promise.all(this.apps.map((a) => this.scrape(a)));
  }

  async scrape(app: AppProcess): Promise<void> {
    let text: string;
    try {
      const res = await fetch(`${app.url}/metrics`, { signal: AbortSignal.timeout(2_000) });
      if (res.status !== 200) return;
      text = await res.text();
    } catch {
      return;
    }
    for (const line of text.split('\n')) {
      const m =
        /^([a-z_:]*consumer_(?:duplicates|dead_lettered|retries)_total)\{([^}]*)\}\s+([0-9.e+-]+)/.exec(line) ??
        /^([a-z_:]*outbox_publish_errors_total)(?:\{([^}]*)\})?\s+([0-9.e+-]+)/.exec(line);
      if (!m) continue;
      // One key per process slot (replica): two replicas' counters are two counters.
      const key = `${app.name}|${m[1]}|${m[2] ?? ''}|${app.replica}`;
      const value = Number(m[3]);
      const last = this.lastSeen.get(key) ?? 0;
      if (value < last) this.carried.set(key, (this.carried.get(key) ?? 0) + last); // the process restarted
      this.lastSeen.set(key, value);
    }
  }

  // Counter totals since the harness began, per "app|metric|labels|replica".
  counters(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [key, v] of this.lastSeen) out.set(key, v + (this.carried.get(key) ?? 0));
    return out;
  }

  sum(metricSuffix: string, app?: AppName): number {
    let total = 0;
    for (const [key, v] of this.counters()) {
      const [a, metric] = key.split('|');
      if (metric!.endsWith(metricSuffix) && (!app || a === app)) total += v;
    }
    return total;
  }

  async close(): Promise<void> {
    this.stopScraping();
    await this.resetAdmin();
    await Promise.all([...this.pools.values()].map((p) => p.end().catch(() => undefined)));
  }
}

// Polls `probe` until `ok` holds; milliseconds it took, or null at the timeout.
export async function timeUntil<T>(
  probe: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs: number,
  intervalMs = 250,
): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      if (ok(await probe())) return Date.now() - started;
    } catch {
      // not yet
    }
    await sleep(intervalMs);
  }
  return null;
}
