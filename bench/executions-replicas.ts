import { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createKafka } from '@mindhill/messaging';
import { distDir, freePort, spawnNode, stopProcess, waitHttp } from './lib/processes';
import { AppProcess } from './lib/proc-cpu';
import { log, sleep } from './lib/stats';
import { PlatformConfig } from './platform';

// The worker services a deployment would scale out; gateway and auth stay single.
export const REPLICATED = ['workflows', 'ingestion', 'processing', 'reporting', 'audit'] as const;

export type Replicas = { processes: AppProcess[]; children: ChildProcess[] };

// One more process of each worker service, as its own `node apps/<name>/src/main.js` on a port
// of its own, with the same databases, topics and consumer groups as the first. Ready when
// every replica answers /health/ready and every consumer group of the platform is Stable, those
// that a replicated service was in before with two members of it (the rebalance is over; groups
// of one process, such as each process's settings view, keep one member).
export async function startReplicas(config: PlatformConfig, running: readonly AppProcess[]): Promise<Replicas> {
  const children: ChildProcess[] = [];
  const processes: AppProcess[] = [];
  const started = performance.now();
  const shared = await sharedGroups(config, running);
  try {
    for (const app of REPLICATED) {
      const port = await freePort();
      const env = { ...config.env, [`${app.toUpperCase()}_PORT`]: String(port) };
      const child = spawnNode(path.join(distDir, 'apps', app, 'src/main.js'), [], env, config.logFile);
      children.push(child);
      processes.push({ app: `${app}#2`, pid: child.pid! });
      await waitHttp(`http://127.0.0.1:${port}/health/ready`, 90_000, 100);
    }
    await waitRebalanced(config, shared, 60_000);
  } catch (error) {
    await stopReplicas({ processes, children });
    throw error;
  }
  log(`executions: ${children.length} replicas ready and groups rebalanced in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { processes, children };
}

export async function stopReplicas(replicas: Replicas): Promise<void> {
  await Promise.all(replicas.children.map((c) => stopProcess(c, 'SIGTERM', 20_000)));
}

type Admin = ReturnType<ReturnType<typeof createKafka>['admin']>;

async function withAdmin<T>(config: PlatformConfig, work: (admin: Admin) => Promise<T>): Promise<T> {
  const kafka = createKafka({ brokers: String(config.env.KAFKA_BROKERS).split(','), clientId: 'mindhill-bench-groups', topicPrefix: '' });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

async function describe(admin: Admin, config: PlatformConfig) {
  const ids = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(config.topicPrefix));
  return (await admin.describeGroups(ids)).groups;
}

// Members per service of a group, from the client id mindhill-<service>-bench-<run>.
function membersPerApp(group: { members: { clientId: string }[] }): Map<string, number> {
  const perApp = new Map<string, number>();
  for (const m of group.members) {
    const app = /^mindhill-([a-z]+)-/.exec(m.clientId)?.[1] ?? m.clientId;
    perApp.set(app, (perApp.get(app) ?? 0) + 1);
  }
  return perApp;
}

// The groups a replicated service is in before its replica starts, with that service; a group
// of one process (its name holds the process id, as each settings view's does) is not shared.
async function sharedGroups(config: PlatformConfig, running: readonly AppProcess[]): Promise<Map<string, string[]>> {
  return withAdmin(config, async (admin) => {
    const shared = new Map<string, string[]>();
    for (const g of await describe(admin, config)) {
      if (running.some((p) => g.groupId.includes(`.${p.pid}.`))) continue;
      const apps = [...membersPerApp(g).keys()].filter((a) => (REPLICATED as readonly string[]).includes(a));
      if (apps.length > 0) shared.set(g.groupId, apps);
    }
    return shared;
  });
}

async function waitRebalanced(config: PlatformConfig, shared: Map<string, string[]>, timeoutMs: number): Promise<void> {
  await withAdmin(config, async (admin) => {
    const deadline = performance.now() + timeoutMs;
    let last = '';
    while (performance.now() < deadline) {
      const groups = await describe(admin, config);
      const unsettled = groups.filter((g) => {
        if (g.state !== 'Stable') return true;
        const perApp = membersPerApp(g);
        return (shared.get(g.groupId) ?? []).some((app) => (perApp.get(app) ?? 0) < 2);
      });
      if (unsettled.length === 0) return;
      last = unsettled.map((g) => `${g.groupId} ${g.state} ${g.members.length}`).join(', ');
      await sleep(250);
    }
    throw new Error(`consumer groups not rebalanced within ${timeoutMs / 1000} s: ${last}`);
  });
}
