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
// every replica answers /health/ready and every consumer group of the platform is Stable with
// two members from each replicated service it has (the rebalance is over).
export async function startReplicas(config: PlatformConfig): Promise<Replicas> {
  const children: ChildProcess[] = [];
  const processes: AppProcess[] = [];
  const started = performance.now();
  try {
    for (const app of REPLICATED) {
      const port = await freePort();
      const env = { ...config.env, [`${app.toUpperCase()}_PORT`]: String(port) };
      const child = spawnNode(path.join(distDir, 'apps', app, 'src/main.js'), [], env, config.logFile);
      children.push(child);
      processes.push({ app: `${app}#2`, pid: child.pid! });
      await waitHttp(`http://127.0.0.1:${port}/health/ready`, 90_000, 100);
    }
    await waitRebalanced(config, 60_000);
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

async function waitRebalanced(config: PlatformConfig, timeoutMs: number): Promise<void> {
  const kafka = createKafka({ brokers: String(config.env.KAFKA_BROKERS).split(','), clientId: 'mindhill-bench-groups', topicPrefix: '' });
  const admin = kafka.admin();
  await admin.connect();
  const deadline = performance.now() + timeoutMs;
  let last = '';
  try {
    while (performance.now() < deadline) {
      const ids = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(config.topicPrefix));
      const { groups } = await admin.describeGroups(ids);
      const unsettled = groups.filter((g) => {
        if (g.state !== 'Stable') return true;
        // Members per service, from the client id mindhill-<service>-bench-<run>.
        const perApp = new Map<string, number>();
        for (const m of g.members) {
          const app = /^mindhill-([a-z]+)-/.exec(m.clientId)?.[1] ?? m.clientId;
          perApp.set(app, (perApp.get(app) ?? 0) + 1);
        }
        return [...perApp].some(([app, n]) => (REPLICATED as readonly string[]).includes(app) && n < 2);
      });
      if (ids.length > 0 && unsettled.length === 0) return;
      last = unsettled.map((g) => `${g.groupId} ${g.state} ${g.members.length}`).join(', ');
      await sleep(250);
    }
    throw new Error(`consumer groups not rebalanced within ${timeoutMs / 1000} s: ${last}`);
  } finally {
    await admin.disconnect();
  }
}
