import { randomBytes, randomUUID } from 'node:crypto';

// Constant load through the gateway: user registrations and workflow creations at a steady rate.
// Every command is recorded with the phase it was sent in and how it ended:
//   ack           — 2xx with the created id (the platform promised it happened)
//   rejected      — a definite 4xx answer (it must not have happened)
//   indeterminate — 5xx, timeout or connection error (it may or may not have happened)
export type CommandKind = 'user' | 'workflow';
// A run started through POST /workflows/:id/executions (202 = acknowledged). Its correlation id
// (sent as x-correlation-id) lets the checker tell which execution an indeterminate request made.
export type RunStart = Sent & { correlationId: string };
export type Outcome = 'pending' | 'ack' | 'rejected' | 'indeterminate';
// What every request of the load records: when it was sent and how it ended.
type Sent = {
  phase: string;
  sentAt: number;
  doneAt?: number;
  outcome: Outcome;
  status?: number;
  id?: string;
  error?: string;
};
export type Command = Sent & {
  kind: CommandKind;
  key: string; // e-mail or workflow name: unique per command
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
    private readonly rates: { usersPerSecond: number; workflowsPerSecond: number; runsPerSecond?: number },
  ) {}

  readonly runs: RunStart[] = [];
  private runnableWorkflowId?: string;

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

  // An ACTIVE workflow that really runs (a file data source over `folder`, which holds a small file
  // -> fetching -> normalization), for the run load; recorded as a probe command, so the checker
  // knows it. Call after probe(), before start(), when runsPerSecond > 0.
  async prepareRuns(folder: string): Promise<string[]> {
    if (!this.token) return ['probe() first: the run load needs a signed-in user'];
    const source = await this.post(
      '/api/v1/data-sources',
      { name: `faults-${this.runId}-files`, type: 'file', folder, glob: '*' },
      this.token,
    );
    if (source.status !== 201 || typeof source.body?.id !== 'string')
      return [`POST /api/v1/data-sources -> ${source.status} ${JSON.stringify(source.body).slice(0, 400)}`];
    const key = `faults-${this.runId}-runnable`;
    const command: Command = { kind: 'workflow', key, phase: 'probe', sentAt: Date.now(), outcome: 'indeterminate' };
    this.commands.push(command);
    const configuration = {
      stages: [
        { name: 'fetch', type: 'fetching', dataSources: [source.body.id] },
        { name: 'norm', type: 'normalization' },
      ],
    };
    const res = await this.post('/api/v1/workflows', { name: key, status: 'active', configuration }, this.token);
    command.status = res.status;
    command.doneAt = Date.now();
    if (res.status !== 201 || typeof res.body?.id !== 'string')
      return [`POST /api/v1/workflows (active) -> ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`];
    Object.assign(command, { outcome: 'ack', id: res.body.id });
    this.runnableWorkflowId = res.body.id;
    return [];
  }

  get runnableWorkflow(): string | undefined {
    return this.runnableWorkflowId;
  }

  // The probe user's access token (for work beside the load, e.g. the backup drill's runs).
  get accessToken(): string | undefined {
    return this.token;
  }

  start(): void {
    if (!this.token) throw new Error('probe() first: the workflow load needs a signed-in user');
    this.timers.push(setInterval(() => this.fire('user'), 1000 / this.rates.usersPerSecond));
    this.timers.push(setInterval(() => this.fire('workflow'), 1000 / this.rates.workflowsPerSecond));
    const runs = this.rates.runsPerSecond ?? 0;
    if (runs > 0) {
      if (!this.runnableWorkflowId) throw new Error('prepareRuns() first: the run load needs an active workflow');
      this.timers.push(setInterval(() => this.fireRun(), 1000 / runs));
    }
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.all([...this.inFlight]);
  }

  // Acknowledged runs whose answer came within [from, to).
  runsAckedBetween(from: number, to: number): RunStart[] {
    return this.runs.filter((r) => r.outcome === 'ack' && r.doneAt! >= from && r.doneAt! < to);
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

  private fireRun(): void {
    const run: RunStart = { correlationId: randomUUID(), phase: this.phase, sentAt: Date.now(), outcome: 'pending' };
    this.runs.push(run);
    const p = this.post(`/api/v1/workflows/${this.runnableWorkflowId}/executions`, {}, this.token, {
      'x-correlation-id': run.correlationId,
    })
      .then(({ status, body }) => {
        run.status = status;
        if (status === 202 && body && typeof body.id === 'string') Object.assign(run, { outcome: 'ack', id: body.id });
        else {
          run.outcome = status >= 400 && status < 500 && status !== 408 && status !== 429 ? 'rejected' : 'indeterminate';
          run.error = JSON.stringify(body).slice(0, 300);
        }
      })
      .catch((error: Error) => {
        Object.assign(run, { outcome: 'indeterminate', error: `${error.name}: ${error.message}` });
      })
      .finally(() => {
        run.doneAt = Date.now();
        this.inFlight.delete(p);
      });
    this.inFlight.add(p);
  }

  private async post(
    url: string,
    body: unknown,
    token?: string,
    extra: Record<string, string> = {},
  ): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...extra };
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
