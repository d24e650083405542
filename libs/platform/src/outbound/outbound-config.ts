import { z } from 'zod';
import { buildOutboundPolicy, OutboundPolicy, parseCidrRule, parseDenyRule, parseHostRule } from './address-policy';

// A comma-separated list whose every entry must parse; a bad entry stops the service at boot.
const ruleList = (parse: (entry: string) => unknown) =>
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean),
    )
    .superRefine((entries, ctx) => {
      for (const entry of entries) {
        try {
          parse(entry);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }
    });

// The environment of a service that calls URLs on users' behalf. Nothing private is reachable
// unless listed here; the platform's own ports never are.
export const outboundEnvFields = {
  // Host names or addresses as written in URLs, optionally with a port: `api.internal`,
  // `127.0.0.1:8099`, `[::1]:8099`.
  OUTBOUND_ALLOW_HOSTS: ruleList(parseHostRule),
  // Address ranges: `10.20.0.0/16`, `fd00:1::/64`.
  OUTBOUND_ALLOW_CIDRS: ruleList(parseCidrRule),
  // More of the platform's own destinations: `port` (refused on every non-public address) or
  // `host:port` (refused everywhere), added to the defaults.
  OUTBOUND_DENY: ruleList(parseDenyRule),
};

type OutboundEnv = { OUTBOUND_ALLOW_HOSTS: string[]; OUTBOUND_ALLOW_CIDRS: string[]; OUTBOUND_DENY: string[] };

// ownPorts: the ports of the service itself; ownDestinations: `host:port` of the brokers and
// databases it talks to (from its config), so they are refused even if an allow rule covers them.
export function outboundPolicyFromConfig(
  config: OutboundEnv,
  own: { ownPorts?: number[]; ownDestinations?: string[] } = {},
): OutboundPolicy {
  return buildOutboundPolicy({
    allowHosts: config.OUTBOUND_ALLOW_HOSTS,
    allowCidrs: config.OUTBOUND_ALLOW_CIDRS,
    deny: config.OUTBOUND_DENY,
    ownPorts: own.ownPorts,
    ownDestinations: own.ownDestinations,
  });
}

// `host:port` of a URL such as a database URL, or null when it names none. A Unix socket
// (`postgres://user@%2Fvar%2Frun%2Fpostgresql/db`) is no network destination: nothing to refuse.
export function destinationOf(url: string, defaultPort: number): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.hostname || decodeURIComponent(parsed.hostname).startsWith('/')) return null;
    return `${parsed.hostname}:${parsed.port || defaultPort}`;
  } catch {
    return null;
  }
}
