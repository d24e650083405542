import { MikroORM } from '@mikro-orm/postgresql';
import { Client, ClientConfig, Notification } from 'pg';
import { Backoff, backoffDelayMs } from '@mindhill/domain';
import { getLogger } from '@mindhill/platform';
import { ownConnectionConfig } from './pg-connection';

export type ListenSubscriber = {
  // A NOTIFY on the channel (delivered at the sender's commit).
  notify(payload: string): void;
  // LISTEN is (again) in force: what was sent before it may have been missed, so look now.
  listening(): void;
};

const RECONNECT_BACKOFF: Backoff = { baseMs: 100, maxMs: 5_000, jitter: true };

// One connection per database and process that LISTENs for every subscriber (a worker woken by a
// NOTIFY instead of polling). Reconnects after a lost connection (PostgreSQL restarted, backend
// terminated) and then tells each subscriber to look, since notifications in the gap are lost.
// Only a hint: subscribers keep a slow poll in case one is lost anyway.
export class PgListener {
  private readonly logger = getLogger('pg-listener');
  private readonly channels = new Map<string, Set<ListenSubscriber>>();
  private client?: Client;
  private connecting = false;
  private retryTimer?: NodeJS.Timeout;
  private failures = 0;

  constructor(private readonly config: ClientConfig) {}

  get isListening(): boolean {
    return this.client !== undefined && !this.connecting;
  }

  // Returns the unsubscribe; the connection closes with the last subscriber.
  subscribe(channel: string, subscriber: ListenSubscriber): () => Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a plain channel name: ${channel}`);
    const set = this.channels.get(channel) ?? new Set();
    const added = set.size === 0;
    set.add(subscriber);
    this.channels.set(channel, set);
    if (!this.client && !this.retryTimer) void this.connect();
    else if (this.client && !this.connecting) void this.listenOn(this.client, channel, added);
    return () => this.unsubscribe(channel, subscriber);
  }

  private async unsubscribe(channel: string, subscriber: ListenSubscriber): Promise<void> {
    const set = this.channels.get(channel);
    set?.delete(subscriber);
    if (set?.size === 0) this.channels.delete(channel);
    if (this.channels.size > 0) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.retryTimer = undefined;
    const client = new Client({ ...this.config, keepAlive: true });
    this.client = client;
    this.connecting = true;
    client.on('notification', (n: Notification) => this.deliver(n));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      // Live iteration: a channel subscribed meanwhile is listened on too.
      for (const channel of this.channels.keys()) await client.query(`LISTEN ${channel}`);
      if (this.client !== client) return;
      this.connecting = false;
      if (this.failures > 0) this.logger.info({ failures: this.failures }, 'Listening again');
      this.failures = 0;
      for (const set of this.channels.values()) for (const s of set) s.listening();
    } catch (error) {
      this.lost(client, error);
    }
  }

  // A channel added while connected: LISTEN on it, then its new subscriber looks.
  private async listenOn(client: Client, channel: string, added: boolean): Promise<void> {
    try {
      if (added) await client.query(`LISTEN ${channel}`);
      for (const s of this.channels.get(channel) ?? []) s.listening();
    } catch (error) {
      this.lost(client, error);
    }
  }

  private deliver(n: Notification): void {
    for (const s of this.channels.get(n.channel) ?? []) s.notify(n.payload ?? '');
  }

  private lost(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.connecting = false;
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.channels.size === 0) return;
    this.failures++;
    const delay = backoffDelayMs(this.failures, RECONNECT_BACKOFF);
    this.logger.warn({ err: error, failures: this.failures, retryInMs: delay }, 'LISTEN connection lost; reconnecting');
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }
}

const listeners = new WeakMap<MikroORM, PgListener>();

// The process's listener on the ORM's database.
export function pgListenerFor(orm: MikroORM): PgListener {
  let listener = listeners.get(orm);
  if (!listener) {
    listener = new PgListener(ownConnectionConfig(orm));
    listeners.set(orm, listener);
  }
  return listener;
}
