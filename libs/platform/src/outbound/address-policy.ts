import ipaddr from 'ipaddr.js';

// Which destinations a request made on a user's behalf may reach. Pure: the guard resolves a
// host name once and asks decideDestination() about every address before connecting to it.
export type HostRule = { host: string; port: number | null };
export type CidrRule = { text: string; range: [ipaddr.IPv4 | ipaddr.IPv6, number] };

export type OutboundPolicy = {
  // Host names (or IP literals) as written in the URL; a name rule does not cover other names
  // that resolve to the same address (`localhost` is not `127.0.0.1`).
  allowHosts: readonly HostRule[];
  // Address ranges the resolved address may fall in although it is not public.
  allowCidrs: readonly CidrRule[];
  // The platform's own ports: refused on every non-public address, allow-list or not. A Set so
  // a service can add the port it really listens on (0 in tests) once it is bound.
  denyPorts: Set<number>;
  // Exact destinations refused wherever they are (the brokers and databases this service uses).
  denyHostPorts: readonly HostRule[];
};

export type Decision = { allowed: true } | { allowed: false; reason: DenyReason };
export type DenyReason = 'not-public' | 'platform-port' | 'embedded-ipv4' | 'not-an-address';

export const DEFAULT_DENIED_PORTS: readonly number[] = [
  3001,
  3002,
  3003,
  3004,
  3005,
  3006, // auth, workflows, ingestion, processing, reporting, audit
  8080, // gateway
  9092,
  9093, // Kafka client and controller listeners
  5432, // PostgreSQL
  6379, // Redis
];

// IPv6 ranges that carry an IPv4 address a router or a stack may turn back into IPv4: refused
// outright, whatever the IPv4 inside (no public service needs to be reached that way).
const EMBEDDING_IPV6 = new Set(['rfc6052', '6to4', 'teredo']);

// 'public' or the name of the special range the address is in (ipaddr.js' names, plus
// 'ipv4Compatible' and 'notGlobalUnicast' for IPv6 outside 2000::/3). IPv4-mapped IPv6 is
// judged as the IPv4 address it maps.
export function classifyAddress(text: string): string {
  if (!ipaddr.isValid(text)) return 'not-an-address';
  const parsed = ipaddr.parse(text);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return classifyAddress(v6.toIPv4Address().toString());
    const range = v6.range();
    if (EMBEDDING_IPV6.has(range)) return range;
    if (range !== 'unicast') return range;
    // ::/96 (IPv4-compatible, deprecated) and everything else outside global unicast.
    if (v6.parts.slice(0, 6).every((p) => p === 0)) return 'ipv4Compatible';
    if (!v6.match(GLOBAL_UNICAST)) return 'notGlobalUnicast';
    return 'public';
  }
  const range = (parsed as ipaddr.IPv4).range();
  return range === 'unicast' ? 'public' : range;
}

const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];

// The decision for one resolved address: hostname is the name from the URL (lower case, no
// brackets), address what it resolved to (or the literal itself), port the effective port.
export function decideDestination(hostname: string, address: string, port: number, policy: OutboundPolicy): Decision {
  const range = classifyAddress(address);
  if (range === 'not-an-address') return { allowed: false, reason: 'not-an-address' };
  const ip = normalise(address);
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (policy.denyHostPorts.some((r) => r.port === port && (r.host === host || sameAddress(r.host, ip))))
    return { allowed: false, reason: 'platform-port' };
  if (range === 'public') return { allowed: true };
  if (policy.denyPorts.has(port)) return { allowed: false, reason: 'platform-port' };
  const byHost = policy.allowHosts.some((r) => (r.port === null || r.port === port) && (r.host === host || sameAddress(r.host, host)));
  const byCidr = policy.allowCidrs.some((c) => ip.kind() === c.range[0].kind() && ip.match(c.range));
  if (byHost || byCidr) return { allowed: true };
  return { allowed: false, reason: EMBEDDING_IPV6.has(range) || range === 'ipv4Compatible' ? 'embedded-ipv4' : 'not-public' };
}

// IPv4-mapped IPv6 compares as IPv4 everywhere.
function normalise(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
}

function sameAddress(a: string, b: string | ipaddr.IPv4 | ipaddr.IPv6): boolean {
  const other = typeof b === 'string' ? (ipaddr.isValid(b) ? normalise(b) : null) : b;
  if (!other || !ipaddr.isValid(a)) return false;
  const mine = normalise(a);
  return mine.kind() === other.kind() && mine.toNormalizedString() === other.toNormalizedString();
}

// Host rules as operators write them: `name`, `name:port`, `1.2.3.4:port`, `[::1]:port`. Host
// names go through WHATWG URL parsing, so `127.1` and `0x7f.1` become the `127.0.0.1` a URL
// would show.
export function parseHostRule(text: string): HostRule {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(`http://${trimmed}/`);
  } catch {
    throw new Error(`"${trimmed}" is not a host or host:port`);
  }
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash || !url.hostname)
    throw new Error(`"${trimmed}" is not a host or host:port`);
  const explicitPort = /:(\d+)$/.exec(trimmed);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: explicitPort ? Number(explicitPort[1]) : null };
}

export function parseCidrRule(text: string): CidrRule {
  const trimmed = text.trim();
  const [address = '', bits] = trimmed.split('/');
  // Only the dotted four-part form for IPv4 (ipaddr.js also takes `127.1` and hex parts).
  const plainIpv4 = ipaddr.IPv4.isValidFourPartDecimal(address);
  if (!plainIpv4 && !ipaddr.IPv6.isValid(address)) throw new Error(`"${trimmed}" is not an address or CIDR range`);
  try {
    const range =
      bits === undefined
        ? ([ipaddr.parse(address), plainIpv4 ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number])
        : ipaddr.parseCIDR(trimmed);
    return { text: trimmed, range };
  } catch {
    throw new Error(`"${trimmed}" is not an address or CIDR range`);
  }
}

// A deny entry: `port` (refused on every non-public address) or `host:port` (refused everywhere).
export function parseDenyRule(text: string): { port: number } | HostRule {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const port = Number(trimmed);
    if (port < 1 || port > 65535) throw new Error(`"${trimmed}" is not a port`);
    return { port };
  }
  const rule = parseHostRule(trimmed);
  if (rule.port === null) throw new Error(`"${trimmed}" needs a port (host:port)`);
  return rule;
}

export type PolicyInput = {
  allowHosts?: readonly string[];
  allowCidrs?: readonly string[];
  deny?: readonly string[];
  ownPorts?: readonly number[];
  ownDestinations?: readonly string[];
};

// Builds a policy; throws an Error naming the bad entry (config validation turns it into a boot
// failure). The default platform ports are always denied.
export function buildOutboundPolicy(input: PolicyInput): OutboundPolicy {
  const denyPorts = new Set<number>([...DEFAULT_DENIED_PORTS, ...(input.ownPorts ?? []).filter((p) => p > 0)]);
  const denyHostPorts: HostRule[] = [];
  for (const entry of [...(input.deny ?? []), ...(input.ownDestinations ?? [])]) {
    const rule = parseDenyRule(entry);
    if ('host' in rule) {
      denyHostPorts.push(rule);
      denyPorts.add(rule.port!);
    } else denyPorts.add(rule.port);
  }
  return {
    allowHosts: (input.allowHosts ?? []).map(parseHostRule),
    allowCidrs: (input.allowCidrs ?? []).map(parseCidrRule),
    denyPorts,
    denyHostPorts,
  };
}
