import 'reflect-metadata';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { parse, parseAllDocuments } from 'yaml';
import { loadAuditConfig } from '../../apps/audit/src/audit.config';
import { loadAuthConfig } from '../../apps/auth/src/auth.config';
import { loadGatewayConfig } from '../../apps/gateway/src/gateway.config';
import { loadIngestionConfig } from '../../apps/ingestion/src/ingestion.config';
import { loadProcessingConfig } from '../../apps/processing/src/processing.config';
import { loadReportingConfig } from '../../apps/reporting/src/reporting.config';
import { loadWorkflowsConfig } from '../../apps/workflows/src/workflows.config';
import { HealthController } from '../../libs/platform/src/health/health.controller';
import { MetricsController } from '../../libs/platform/src/metrics/metrics.controller';
import { APPS as CATALOG } from '../../scripts/service-catalog';

// The Docker, Kubernetes and Prometheus files cannot run on the development machines (no Docker
// engine, no cluster), so this test keeps them honest: every port, probe path, metrics path and
// migration command in them is compared with what the code actually serves and reads.

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

type Env = Record<string, string>;
type Loader = (env: NodeJS.ProcessEnv) => object;

const LOADERS: Record<string, Loader> = {
  gateway: loadGatewayConfig,
  auth: loadAuthConfig,
  workflows: loadWorkflowsConfig,
  ingestion: loadIngestionConfig,
  processing: loadProcessingConfig,
  reporting: loadReportingConfig,
  audit: loadAuditConfig,
};

const LIVE = '/health/live';
const READY = '/health/ready';
const METRICS = '/metrics';
const MIGRATE = ['node', 'dist/scripts/migrate.js'];
const appCommand = (app: string) => ['node', `dist/apps/${app}/src/main.js`];
const up = (app: string) => app.toUpperCase();

// The apps are the application projects of the Nest monorepo, one folder each under apps/.
const nestCli = JSON.parse(read('nest-cli.json')) as { projects: Record<string, { type: string }> };
const APPS = Object.entries(nestCli.projects)
  .filter(([, p]) => p.type === 'application')
  .map(([name]) => name)
  .sort();

// Calls an app's own config loader, so every value comes from the code's schema.
function loadConfig(app: string, env: Env): Record<string, unknown> {
  const loader = LOADERS[app];
  if (!loader) throw new Error(`no config loader registered in this test for app "${app}"`);
  return loader(env) as Record<string, unknown>;
}

// Only the secrets every schema requires; everything else takes the code's defaults.
const MINIMAL_ENV: Env = {
  INTERNAL_API_TOKEN: 'i'.repeat(32),
  JWT_SECRET: 'j'.repeat(32),
  DATA_SOURCE_SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
};

// Stands in for a secret the operator sets: the base64 of 32 bytes (44 characters), which every
// secret rule accepts (32+ characters, DATA_SOURCE_SECRET_KEY's base64 of 32 bytes) and which can
// sit in a URL's password.
const SECRET_STAND_IN = Buffer.alloc(32, 0x5a).toString('base64');

type AppFacts = { port: number; host: string; databaseUrl?: string; config: Record<string, unknown> };
const FACTS: Record<string, AppFacts> = Object.fromEntries(
  APPS.map((app) => {
    const config = loadConfig(app, MINIMAL_ENV);
    const databaseUrl = config[`${up(app)}_DATABASE_URL`];
    return [
      app,
      {
        port: config[`${up(app)}_PORT`] as number,
        host: config[`${up(app)}_HOST`] as string,
        databaseUrl: databaseUrl as string | undefined,
        config,
      },
    ];
  }),
);
const DB_APPS = APPS.filter((app) => FACTS[app]?.databaseUrl !== undefined);

// GET routes of a Nest controller, read from the decorators' metadata.
function getRoutes(controller: new (...args: never[]) => unknown): string[] {
  const trim = (p: unknown) => String(p ?? '').replace(/^\/+|\/+$/g, '');
  const base = trim(Reflect.getMetadata(PATH_METADATA, controller));
  const proto = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto)
    .filter((name) => name !== 'constructor' && typeof proto[name] === 'function')
    .map((name) => proto[name] as object)
    .filter((handler) => Reflect.getMetadata(PATH_METADATA, handler) !== undefined)
    .filter((handler) => Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.GET)
    .map((handler) => `/${[base, trim(Reflect.getMetadata(PATH_METADATA, handler))].filter(Boolean).join('/')}`);
}

// dist/<path>.js is what swc emits for <path>.ts (scripts/build.js keeps the layout).
function sourceOf(distFile: string): string {
  return distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts');
}

function urlPort(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

// ---------- Kubernetes ----------

type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } };
type VolumeMount = { name: string; mountPath: string; readOnly?: boolean };
type Volume = { name: string; emptyDir?: object; persistentVolumeClaim?: { claimName: string; readOnly?: boolean } };
type Probe = { httpGet?: { path: string; port: number | string }; periodSeconds?: number; failureThreshold?: number };
type Container = {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
  volumeMounts?: VolumeMount[];
};
type PodSpec = { containers: Container[]; volumes?: Volume[]; enableServiceLinks?: boolean; securityContext?: { runAsNonRoot?: boolean } };
type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    selector?: Record<string, unknown> & { matchLabels?: Record<string, string> };
    ports?: { name?: string; port: number; targetPort?: number | string }[];
    template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec };
    accessModes?: string[];
  };
};

const K8S_DIR = 'deploy/k8s';
const kustomization = parse(read(`${K8S_DIR}/kustomization.yaml`)) as { namespace?: string; resources: string[] };

function yamlDocuments(path: string): unknown[] {
  return parseAllDocuments(read(path))
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors.map(String).join('; ')}`);
      return doc.toJS() as unknown;
    })
    .filter((doc) => doc != null);
}

const K8S = kustomization.resources.flatMap((file) => yamlDocuments(`${K8S_DIR}/${file}`) as K8sObject[]);
const byKind = (kind: string) => K8S.filter((o) => o.kind === kind);
const one = (kind: string, name: string) => {
  const found = K8S.filter((o) => o.kind === kind && o.metadata.name === name);
  expect(found.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([`${kind}/${name}`]);
  return found[0] as K8sObject;
};
const secretTemplate = (yamlDocuments(`${K8S_DIR}/secret.template.yaml`) as K8sObject[])[0] as K8sObject;
const configMaps = byKind('ConfigMap');

// The environment a container would get: ConfigMaps from envFrom, then env entries; a secret
// value is the template's placeholder with REPLACE_ME swapped for something the schemas accept.
function containerEnv(container: Container): Env {
  const env: Env = {};
  for (const source of container.envFrom ?? []) {
    const cm = configMaps.find((c) => c.metadata.name === source.configMapRef?.name);
    if (!cm) throw new Error(`envFrom names ConfigMap "${source.configMapRef?.name}", which no resource defines`);
    Object.assign(env, cm.data);
  }
  for (const v of container.env ?? []) {
    const ref = v.valueFrom?.secretKeyRef;
    if (ref) {
      const placeholder = secretTemplate.stringData?.[ref.key];
      if (ref.name !== secretTemplate.metadata.name || placeholder === undefined) {
        throw new Error(`${v.name} refers to secret ${ref.name}/${ref.key}, missing from secret.template.yaml`);
      }
      env[v.name] = placeholder.replace(/REPLACE_ME/g, SECRET_STAND_IN);
    } else {
      env[v.name] = String(v.value ?? '');
    }
  }
  return env;
}

// The mount that holds a path (the deepest one whose mountPath is the path or a parent of it), with
// the pod volume behind it.
function k8sMountOf(pod: PodSpec, container: Container, target: string): { mount: VolumeMount; volume?: Volume } | undefined {
  const mount = (container.volumeMounts ?? [])
    .filter((m) => isSameOrInside(target, m.mountPath))
    .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
  return mount ? { mount, volume: pod.volumes?.find((v) => v.name === mount.name) } : undefined;
}

function isSameOrInside(target: string, dir: string): boolean {
  const t = posix.normalize(target).replace(/\/+$/, '');
  const d = posix.normalize(dir).replace(/\/+$/, '');
  return t === d || t.startsWith(`${d}/`);
}

function probePort(container: Container, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

// ---------- Compose ----------

type ComposeService = {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  ports?: (string | { target: number; published?: string | number })[];
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
  volumes?: (string | { type?: string; source?: string; target: string; read_only?: boolean })[];
};
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
};

// Compose variable interpolation with stand-in values for the variables the user must set.
function interpolate(value: string): string {
  const standIn = (name: string) =>
    /SECRET|TOKEN|_KEY$/.test(name) ? SECRET_STAND_IN : /PASSWORD/.test(name) ? 'ComposePass0123456789' : 'compose-value';
  return value
    .replace(/\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}/g, (_m, name: string, fallback?: string) =>
      fallback !== undefined ? fallback : standIn(name),
    )
    .replace(/\$\{([A-Z0-9_]+):?\?[^}]*\}/g, (_m, name: string) => standIn(name))
    .replace(/\$\$/g, '$');
}
function composeEnv(service: ComposeService): Env {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v ?? ''))]));
}
// A service's mounts in one shape: short syntax `source:target[:mode]` or the long syntax.
type ComposeMount = { source: string; target: string; readOnly: boolean; named: boolean };
function composeMounts(service: ComposeService): ComposeMount[] {
  return (service.volumes ?? []).map((v) => {
    if (typeof v !== 'string') {
      const source = interpolate(v.source ?? '');
      return {
        source,
        target: v.target,
        readOnly: v.read_only === true,
        named: v.type === 'volume' || (v.type === undefined && isNamed(source)),
      };
    }
    const [source = '', target = '', mode = ''] = interpolate(v).split(':');
    return { source, target, readOnly: mode.split(',').includes('ro'), named: isNamed(source) };
  });
}
const isNamed = (source: string) => source !== '' && !/^[./~]/.test(source);
function composeMountOf(service: ComposeService, target: string): ComposeMount | undefined {
  return composeMounts(service)
    .filter((m) => isSameOrInside(target, m.target))
    .sort((a, b) => b.target.length - a.target.length)[0];
}

const composeAppServices = Object.entries(compose.services).filter(([, s]) =>
  /^dist\/apps\/[^/]+\/src\/main\.js$/.test(s.command?.[1] ?? ''),
);
const composeMigrations = Object.entries(compose.services).filter(([, s]) => s.command?.[1] === MIGRATE[1]);

// ---------- Prometheus ----------

type ScrapeConfig = { job_name: string; metrics_path?: string; static_configs?: { targets: string[] }[] };
const prometheus = parse(read('deploy/prometheus/prometheus.yml')) as { scrape_configs: ScrapeConfig[] };

describe('what the code says', () => {
  it('has seven apps, one folder each, each with a config loader in this test', () => {
    // apps/console is the web console, files the gateway serves, not a service of its own.
    expect(APPS).toEqual(
      readdirSync(join(ROOT, 'apps'))
        .filter((name) => name !== 'console')
        .sort(),
    );
    expect(APPS).toHaveLength(7);
    expect(Object.keys(LOADERS).sort()).toEqual(APPS);
  });

  it('serves the probes and metrics on the paths the manifests use', () => {
    expect(getRoutes(HealthController).sort()).toEqual([LIVE, READY]);
    expect(getRoutes(MetricsController)).toEqual([METRICS]);
  });

  it('gives every app its own port; the service catalog (npm start, migrate) agrees with the configs', () => {
    const ports = APPS.map((app) => FACTS[app]?.port);
    expect(new Set(ports).size).toBe(APPS.length);
    expect(Object.fromEntries(CATALOG.map((a) => [a.name, a.defaultPort]))).toEqual(
      Object.fromEntries(APPS.map((app) => [app, FACTS[app]?.port])),
    );
    expect(
      CATALOG.filter((a) => a.migrations)
        .map((a) => a.name)
        .sort(),
    ).toEqual(DB_APPS);
    expect(DB_APPS).toEqual(APPS.filter((app) => app !== 'gateway'));
  });

  it('has the entry points the manifests start', () => {
    for (const app of APPS) expect(existsSync(join(ROOT, sourceOf(appCommand(app)[1] as string)))).toBe(true);
    expect(existsSync(join(ROOT, sourceOf(MIGRATE[1] as string)))).toBe(true);
  });

  it("points the gateway at every service by default, on that service's port", () => {
    const gateway = FACTS.gateway?.config ?? {};
    for (const app of APPS.filter((a) => a !== 'gateway')) {
      const url = new URL(String(gateway[`${up(app)}_URL`]));
      expect({ app, port: urlPort(url) }).toEqual({ app, port: FACTS[app]?.port });
    }
  });
});

describe('Kubernetes manifests (deploy/k8s)', () => {
  it('lists every manifest in kustomization.yaml, except the Secret template', () => {
    const files = readdirSync(join(ROOT, K8S_DIR)).filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.filter((f) => f !== 'secret.template.yaml').sort());
    expect(kustomization.namespace).toBe('mindhill');
    for (const o of K8S.filter((o) => o.kind !== 'Namespace'))
      expect({ o: `${o.kind}/${o.metadata.name}`, ns: o.metadata.namespace }).toEqual({
        o: `${o.kind}/${o.metadata.name}`,
        ns: 'mindhill',
      });
  });

  it('has exactly one Deployment and one Service per app, and one migration Job per database', () => {
    expect(
      byKind('Deployment')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(APPS);
    expect(
      byKind('Service')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(APPS);
    const migrated = byKind('Job').map((job) => job.spec?.template?.spec.containers[0]?.command?.[2]);
    expect(migrated.sort()).toEqual(DB_APPS);
  });

  it('keeps only placeholders in the Secret template, and uses every key of it', () => {
    expect(secretTemplate.kind).toBe('Secret');
    const keys = Object.keys(secretTemplate.stringData ?? {});
    for (const key of keys)
      expect({ key, placeholder: secretTemplate.stringData?.[key]?.includes('REPLACE_ME') }).toEqual({ key, placeholder: true });
    const referenced = new Set(
      K8S.flatMap((o) => o.spec?.template?.spec.containers ?? [])
        .flatMap((c) => c.env ?? [])
        .map((v) => v.valueFrom?.secretKeyRef?.key)
        .filter(Boolean),
    );
    expect([...referenced].sort()).toEqual([...keys].sort());
  });

  describe.each(APPS)('%s', (app) => {
    const facts = FACTS[app] as AppFacts;
    const U = up(app);

    it("Deployment: command, named port, host 0.0.0.0, and an environment the app's config accepts", () => {
      const deployment = one('Deployment', app);
      const pod = deployment.spec?.template?.spec as PodSpec;
      expect(pod.containers).toHaveLength(1);
      const container = pod.containers[0] as Container;
      expect(container.command).toEqual(appCommand(app));
      expect(container.ports).toEqual([expect.objectContaining({ name: 'http', containerPort: facts.port })]);

      const env = containerEnv(container);
      expect(env[`${U}_HOST`]).toBe('0.0.0.0');
      const config = loadConfig(app, env);
      expect(config[`${U}_PORT`]).toBe(facts.port);
      // A misspelt variable would be silently ignored by the app: every name must be one it reads.
      expect(Object.keys(env).filter((name) => !(name in config))).toEqual([]);
      if (facts.databaseUrl) expect(new URL(env[`${U}_DATABASE_URL`] as string).pathname).toBe(new URL(facts.databaseUrl).pathname);
    });

    it("Deployment: probes on the terminus endpoints and the app's port", () => {
      const container = one('Deployment', app).spec?.template?.spec.containers[0] as Container;
      const probes = { startup: container.startupProbe, liveness: container.livenessProbe, readiness: container.readinessProbe };
      const paths = Object.fromEntries(Object.entries(probes).map(([k, p]) => [k, p?.httpGet?.path]));
      expect(paths).toEqual({ startup: LIVE, liveness: LIVE, readiness: READY });
      for (const probe of Object.values(probes)) expect(probePort(container, probe?.httpGet?.port)).toBe(facts.port);
      // Generous start-up allowance: at least two minutes before the kubelet gives up.
      const startup = container.startupProbe as Probe;
      expect((startup.periodSeconds ?? 10) * (startup.failureThreshold ?? 3)).toBeGreaterThanOrEqual(120);
    });

    it('Deployment: Prometheus annotations name the metrics port and path', () => {
      const annotations = one('Deployment', app).spec?.template?.metadata?.annotations ?? {};
      expect(annotations).toEqual(
        expect.objectContaining({
          'prometheus.io/scrape': 'true',
          'prometheus.io/port': String(facts.port),
          'prometheus.io/path': METRICS,
        }),
      );
    });

    it('Deployment: non-root, no service-link variables, resources set', () => {
      const pod = one('Deployment', app).spec?.template?.spec as PodSpec;
      const container = pod.containers[0] as Container;
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      // Service links would add <SERVICE>_PORT=tcp://... variables, which the apps read as their port.
      expect(pod.enableServiceLinks).toBe(false);
      expect(container.securityContext).toEqual(expect.objectContaining({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false }));
      expect(Object.keys(container.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
      expect(container.resources?.limits?.memory).toBeDefined();
    });

    it("Service: selects the Deployment's pods and exposes the app's port", () => {
      const service = one('Service', app);
      const podLabels = one('Deployment', app).spec?.template?.metadata?.labels ?? {};
      expect(podLabels).toEqual(expect.objectContaining(service.spec?.selector));
      const container = one('Deployment', app).spec?.template?.spec.containers[0] as Container;
      expect(service.spec?.ports).toHaveLength(1);
      const port = service.spec?.ports?.[0];
      expect(port?.port).toBe(facts.port);
      expect(probePort(container, port?.targetPort ?? port?.port)).toBe(facts.port);
    });

    it("migration Job: runs this app's migrations against its own database", () => {
      const jobs = byKind('Job').filter((job) => job.spec?.template?.spec.containers[0]?.command?.[2] === app);
      if (!facts.databaseUrl) {
        expect(jobs).toEqual([]);
        return;
      }
      expect(jobs).toHaveLength(1);
      const pod = (jobs[0] as K8sObject).spec?.template?.spec as PodSpec;
      const container = pod.containers[0] as Container;
      expect(container.command).toEqual([...MIGRATE, app]);
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.enableServiceLinks).toBe(false);
      const env = containerEnv(container);
      expect(new URL(env[`${U}_DATABASE_URL`] as string).pathname).toBe(new URL(facts.databaseUrl).pathname);
    });
  });

  it('gateway: reaches each service through its Service name and port', () => {
    const env = containerEnv(one('Deployment', 'gateway').spec?.template?.spec.containers[0] as Container);
    for (const app of APPS.filter((a) => a !== 'gateway')) {
      const url = new URL(env[`${up(app)}_URL`] as string);
      expect({ app, host: url.hostname, port: urlPort(url) }).toEqual({ app, host: app, port: FACTS[app]?.port });
    }
  });

  // The root filesystem is read-only, and the content store is a claim check between two pods: the
  // folders the configs point at (as the app would read them, defaults included) must be volumes.
  describe('pipeline storage: the folders the configs name are persistent volumes', () => {
    const deployed = (app: string) => {
      const pod = one('Deployment', app).spec?.template?.spec as PodSpec;
      const container = pod.containers[0] as Container;
      return { pod, container, config: loadConfig(app, containerEnv(container)) };
    };
    const claimOf = (found: { volume?: Volume } | undefined) => found?.volume?.persistentVolumeClaim?.claimName;

    it('CONTENT_STORE_DIR: ingestion writes and processing reads one claim at the same path', () => {
      const ingestion = deployed('ingestion');
      const processing = deployed('processing');
      const dir = ingestion.config.CONTENT_STORE_DIR as string;
      expect(processing.config.CONTENT_STORE_DIR).toBe(dir);
      const writer = k8sMountOf(ingestion.pod, ingestion.container, dir);
      const reader = k8sMountOf(processing.pod, processing.container, dir);
      expect(claimOf(writer)).toEqual(expect.any(String));
      expect(claimOf(reader)).toBe(claimOf(writer));
      expect({ mount: writer?.mount.readOnly ?? false, volume: writer?.volume?.persistentVolumeClaim?.readOnly ?? false }).toEqual({
        mount: false,
        volume: false,
      });
      expect(reader?.mount.readOnly).toBe(true);
      // Two pods, possibly on two nodes, have it mounted at once.
      expect(one('PersistentVolumeClaim', claimOf(writer) as string).spec?.accessModes).toContain('ReadWriteMany');
    });

    it('REPORT_OUTPUT_DIR: a writable claim in reporting', () => {
      const reporting = deployed('reporting');
      const found = k8sMountOf(reporting.pod, reporting.container, reporting.config.REPORT_OUTPUT_DIR as string);
      expect(claimOf(found)).toEqual(expect.any(String));
      expect(found?.mount.readOnly ?? false).toBe(false);
      one('PersistentVolumeClaim', claimOf(found) as string);
    });

    it('INGESTION_FILE_ROOTS: every root is a claim mounted in ingestion', () => {
      const ingestion = deployed('ingestion');
      const roots = ingestion.config.INGESTION_FILE_ROOTS as string[];
      expect(roots.length).toBeGreaterThan(0);
      for (const root of roots) {
        const found = k8sMountOf(ingestion.pod, ingestion.container, root);
        expect({ root, claim: claimOf(found) }).toEqual({ root, claim: expect.any(String) });
        one('PersistentVolumeClaim', claimOf(found) as string);
      }
    });

    it('defines every claim a pod mounts, and mounts every claim it defines', () => {
      const mounted = byKind('Deployment')
        .flatMap((d) => d.spec?.template?.spec.volumes ?? [])
        .map((v) => v.persistentVolumeClaim?.claimName)
        .filter(Boolean);
      expect([...new Set(mounted)].sort()).toEqual(
        byKind('PersistentVolumeClaim')
          .map((c) => c.metadata.name)
          .sort(),
      );
    });
  });
});

describe('docker-compose.yml', () => {
  it('runs exactly the seven apps, each as the service of the same name', () => {
    expect(composeAppServices.map(([name, s]) => [name, s.command])).toEqual(
      expect.arrayContaining(APPS.map((app) => [app, appCommand(app)])),
    );
    expect(composeAppServices).toHaveLength(APPS.length);
  });

  it('publishes only the gateway, on its own port', () => {
    const publishing = Object.entries(compose.services).filter(([, s]) => s.ports !== undefined);
    expect(publishing.map(([name]) => name)).toEqual(['gateway']);
    const targets = (compose.services.gateway?.ports ?? []).map((p) => (typeof p === 'string' ? Number(p.split(':').pop()) : p.target));
    expect(targets).toEqual([FACTS.gateway?.port]);
  });

  it('has one migration per database, and nothing else migrates', () => {
    expect(composeMigrations.map(([, s]) => s.command?.[2]).sort()).toEqual(DB_APPS);
    for (const [, s] of composeMigrations) expect(s.command).toEqual([...MIGRATE, s.command?.[2]]);
  });

  describe.each(APPS)('%s', (app) => {
    const facts = FACTS[app] as AppFacts;
    const U = up(app);
    const service = () => compose.services[app] as ComposeService;

    it("environment: host 0.0.0.0 and values the app's config accepts", () => {
      const env = composeEnv(service());
      expect(env[`${U}_HOST`]).toBe('0.0.0.0');
      const config = loadConfig(app, env);
      expect(config[`${U}_PORT`]).toBe(facts.port);
      expect(Object.keys(env).filter((name) => !(name in config))).toEqual([]);
    });

    it("healthcheck asks /health/ready on the app's port", () => {
      const test = service().healthcheck?.test;
      const url = new URL(/https?:\/\/[^\s'"`]+/.exec([test ?? []].flat().join(' '))?.[0] ?? 'invalid:');
      expect({ path: url.pathname, port: urlPort(url) }).toEqual({ path: READY, port: facts.port });
    });

    it('starts after Kafka is healthy and its migration has completed', () => {
      const deps = service().depends_on ?? {};
      expect(deps.kafka?.condition).toBe('service_healthy');
      const migrations = composeMigrations.filter(([, s]) => s.command?.[2] === app);
      if (!facts.databaseUrl) {
        expect(migrations).toEqual([]);
        return;
      }
      const [name, migration] = migrations[0] as [string, ComposeService];
      expect(deps[name]?.condition).toBe('service_completed_successfully');
      const dbVar = `${U}_DATABASE_URL`;
      expect(migration.environment?.[dbVar]).toBe(service().environment?.[dbVar]);
      expect(new URL(composeEnv(service())[dbVar] as string).pathname).toBe(new URL(facts.databaseUrl).pathname);
    });
  });

  describe('pipeline storage: the folders the configs name are volumes', () => {
    const service = (app: string) => compose.services[app] as ComposeService;
    const config = (app: string) => loadConfig(app, composeEnv(service(app)));

    it('CONTENT_STORE_DIR: ingestion writes and processing reads one named volume at the same path', () => {
      const dir = config('ingestion').CONTENT_STORE_DIR as string;
      expect(config('processing').CONTENT_STORE_DIR).toBe(dir);
      const writer = composeMountOf(service('ingestion'), dir);
      const reader = composeMountOf(service('processing'), dir);
      expect(writer).toEqual(expect.objectContaining({ named: true, readOnly: false }));
      expect(reader).toEqual(expect.objectContaining({ named: true, readOnly: true, source: writer?.source }));
      expect(Object.keys(compose.volumes ?? {})).toContain(writer?.source);
    });

    it('REPORT_OUTPUT_DIR: a writable named volume in reporting', () => {
      const found = composeMountOf(service('reporting'), config('reporting').REPORT_OUTPUT_DIR as string);
      expect(found).toEqual(expect.objectContaining({ named: true, readOnly: false }));
      expect(Object.keys(compose.volumes ?? {})).toContain(found?.source);
    });

    it('INGESTION_FILE_ROOTS: every root is mounted in ingestion', () => {
      const roots = config('ingestion').INGESTION_FILE_ROOTS as string[];
      expect(roots.length).toBeGreaterThan(0);
      for (const root of roots)
        expect({ root, mounted: composeMountOf(service('ingestion'), root) !== undefined }).toEqual({ root, mounted: true });
    });

    it("the image creates the named volumes' mount points, owned by the user the apps run as", () => {
      // A new named volume takes the ownership of the image's folder; a missing folder would be root's.
      const dockerfile = read('Dockerfile').replace(/\\\n/g, ' ');
      const user = /^USER (\S+)/m.exec(dockerfile)?.[1];
      const targets = composeAppServices
        .flatMap(([, s]) => composeMounts(s))
        .filter((m) => m.named)
        .map((m) => m.target);
      expect(targets.length).toBeGreaterThan(0);
      for (const target of new Set(targets)) {
        const mkdir = [...dockerfile.matchAll(/^RUN .*$/gm)].some((m) => m[0].includes('mkdir -p') && m[0].split(/\s+/).includes(target));
        const chown = [...dockerfile.matchAll(/chown -R (\S+) (\S+)/g)].some(
          (m) => m[1] === user && isSameOrInside(target, m[2] as string),
        );
        expect({ target, mkdir, chown }).toEqual({ target, mkdir: true, chown: true });
      }
    });
  });

  it('gateway: reaches each service by its compose name and port, once they are healthy', () => {
    const env = composeEnv(compose.services.gateway as ComposeService);
    const deps = compose.services.gateway?.depends_on ?? {};
    for (const app of APPS.filter((a) => a !== 'gateway')) {
      const url = new URL(env[`${up(app)}_URL`] as string);
      expect({ app, host: url.hostname, port: urlPort(url), condition: deps[app]?.condition }).toEqual({
        app,
        host: app,
        port: FACTS[app]?.port,
        condition: 'service_healthy',
      });
    }
  });
});

describe('deploy/prometheus/prometheus.yml', () => {
  it('scrapes every app once, job name = app name', () => {
    expect(prometheus.scrape_configs.map((c) => c.job_name).sort()).toEqual(APPS);
  });

  it.each(APPS)("%s: /metrics on 127.0.0.1 and the app's default port", (app) => {
    const job = prometheus.scrape_configs.find((c) => c.job_name === app) as ScrapeConfig;
    expect(job.metrics_path ?? '/metrics').toBe(METRICS);
    expect(job.static_configs?.flatMap((s) => s.targets)).toEqual([`${FACTS[app]?.host}:${FACTS[app]?.port}`]);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds on the Node major the project pins', () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    const major = /(\d+)/.exec(engines)?.[1];
    const images = [...dockerfile.matchAll(/node:(\d+)[-\w.]*/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images)).toEqual(new Set([major]));
  });

  it('copies every folder the build compiles', () => {
    const build = read('scripts/build.js');
    for (const dir of ['apps', 'libs', 'scripts']) {
      expect(build).toContain(`'${dir}'`);
      expect(dockerfile).toMatch(new RegExp(`^COPY ${dir} `, 'm'));
    }
  });
});
