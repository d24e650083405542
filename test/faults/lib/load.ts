import { randomBytes, randomUUID } from 'node:crypto';

// Constant load through the gateway: user registrations and workflow creations at a steady rate.
// Every command is recorded with the phase it was sent in and how it ended:
//   ack           — 2xx with the created id (the platform promised it happened)
//   rejected      — a definite 4xx answer (it must not have happened)
//   indeterminate — 5xx, timeout or connection error (it may or may not have happened)
export type CommandKind = 'user' | 'workflow';
export type Outcome = 'pending' | 'ack' | 'rejected' | 'indeterminate';
export type Command = {
  kind: CommandKind;
  key: string; // e-mail or workflow name: unique per command
  phase: string;
  sentAt: number;
  doneAt?: number;
  outcome: Outcome;
  status?: number;
  id?: string;
  error?: string;
};

// A runnable workflow starts with a fetching stage; the data source id is never resolved at creation.
const WORKFLOW_CONFIGURATION = {
  stages: [
    { name: 'fetch', type: 'fetching', dataSources: [randomUUID()] },
    { name: 'norm', type: 'normalization' },
  ],
};

export class LoadGenerator {
  readonly commands: Command[] = [];
  readonly runId = randomBytes(3).toString('hex');
  phase = 'warm-up';
  private timers: NodeJS.Timeout[] = [];
  private inFlight = new Set<Promise<void>>();
  private seq = 0;
  private token?: string;

  constructor(
    private readonly gatewayUrl: string,
    private readonly rates: { usersPerSecond: number; workflowsPerSecond: number },
  ) {}

  // One command of each kind, before the load starts: both must be acknowledged. The probe user
  // then signs in; its access token (signed by auth, checked by the gateway against auth's JWKS)
  // carries the workflow load.
  async probe(): Promise<string[]> {
    const problems: string[] = [];
    const userKey = `probe-${this.runId}@faults.test`;
    const password = 'correct horse battery staple 42';
    const record = async (kind: CommandKind, key: string, url: string, body: unknown, token?: string) => {
      const command: Command = { kind, key, phase: 'probe', sentAt: Date.now(), outcome: 'indeterminate' };
      this.commands.push(command);
      const res = await this.post(url, body, token);
      command.status = res.status;
      command.doneAt = Date.now();
      if (res.status === 201 && typeof res.body?.id === 'string') Object.assign(command, { outcome: 'ack', id: res.body.id });
      else problems.push(`POST ${url} -> ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
    };
    await record('user', userKey, '/api/v1/auth/register', { email: userKey, password });
    const login = await this.post('/api/v1/auth/login', { email: userKey, password });
    if (login.status !== 200 || typeof login.body?.accessToken !== 'string') {
      problems.push(`POST /api/v1/auth/login -> ${login.status} ${JSON.stringify(login.body).slice(0, 400)}`);
      return problems;
    }
    this.token = login.body.accessToken;
    const workflowKey = `faults-${this.runId}-probe`;
    await record('workflow', workflowKey, '/api/v1/workflows', { name: workflowKey, configuration: WORKFLOW_CONFIGURATION }, this.token);
    return problems;
  }

  // The probe user's access token (for work beside the load, e.g. the backup drill's runs).
  get accessToken(): string | undefined {
    return this.token;
  }

  start(): void {
    if (!this.token) throw new Error('probe() first: the workflow load needs a signed-in user');
    this.timers.push(setInterval(() => this.fire('user'), 1000 / this.rates.usersPerSecond));
    this.timers.push(setInterval(() => this.fire('workflow'), 1000 / this.rates.workflowsPerSecond));
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.all([...this.inFlight]);
  }

  lastAckAt(kind?: CommandKind): number {
    let last = 0;
    for (const c of this.commands) if (c.outcome === 'ack' && (!kind || c.kind === kind) && (c.doneAt ?? 0) > last) last = c.doneAt!;
    return last;
  }

  private fire(kind: CommandKind): void {
    const n = ++this.seq;
    const key = kind === 'user' ? `f${this.runId}-${n}@faults.test` : `faults-${this.runId}-wf-${n}`;
    const command: Command = { kind, key, phase: this.phase, sentAt: Date.now(), outcome: 'pending' };
    this.commands.push(command);
    const request =
      kind === 'user'
        ? this.post('/api/v1/auth/register', { email: key, password: 'correct horse battery staple 42', displayName: `Fault ${n}` })
        : this.post('/api/v1/workflows', { name: key, configuration: WORKFLOW_CONFIGURATION }, this.token);
    const p = request
      .then(({ status, body }) => {
        command.status = status;
        if (status >= 200 && status < 300 && body && typeof body.id === 'string') {
          command.outcome = 'ack';
          command.id = body.id;
        } else if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
          command.outcome = 'rejected';
          command.error = JSON.stringify(body).slice(0, 300);
        } else {
          command.outcome = 'indeterminate';
          command.error = JSON.stringify(body).slice(0, 300);
        }
      })
      .catch((error: Error) => {
        command.outcome = 'indeterminate';
        command.error = `${error.name}: ${error.message}`;
      })
      .finally(() => {
        command.doneAt = Date.now();
        this.inFlight.delete(p);
      });
    this.inFlight.add(p);
  }

  private async post(url: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${this.gatewayUrl}${url}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // keep text
    }
    return { status: res.status, body: parsed };
  }
}
