import { ConfigError, decideDestination } from '@mindhill/platform';
import { ingestionOutboundPolicy, loadIngestionConfig } from './ingestion.config';

const base = { INTERNAL_API_TOKEN: 'x'.repeat(32), DATA_SOURCE_SECRET_KEY: Buffer.alloc(32, 1).toString('base64') };

describe('ingestion outbound configuration', () => {
  it('refuses a bad allow or deny entry at boot, naming the variable and the entry', () => {
    for (const [name, value, message] of [
      ['OUTBOUND_ALLOW_HOSTS', 'ok.example,http://x/y', '"http://x/y" is not a host'],
      ['OUTBOUND_ALLOW_CIDRS', '10.0.0.0/8,0x7f.1/8', '"0x7f.1/8" is not an address or CIDR range'],
      ['OUTBOUND_DENY', 'kafka', '"kafka" needs a port'],
    ]) {
      expect(() => loadIngestionConfig({ ...base, [name!]: value })).toThrow(ConfigError);
      expect(() => loadIngestionConfig({ ...base, [name!]: value })).toThrow(`${name}: ${message}`);
    }
  });

  it('denies its own port, brokers and database whatever the allow rules say', () => {
    const config = loadIngestionConfig({
      ...base,
      INGESTION_PORT: '4103',
      KAFKA_BROKERS: '10.1.2.3:9192',
      INGESTION_DATABASE_URL: 'postgres://u@db.internal:6543/ingestion',
      OUTBOUND_ALLOW_CIDRS: '10.0.0.0/8,127.0.0.0/8',
      OUTBOUND_ALLOW_HOSTS: 'db.internal',
      OUTBOUND_DENY: '7777',
    });
    const policy = ingestionOutboundPolicy(config);
    expect(decideDestination('127.0.0.1', '127.0.0.1', 4103, policy).allowed).toBe(false);
    expect(decideDestination('10.1.2.3', '10.1.2.3', 9192, policy).allowed).toBe(false);
    expect(decideDestination('db.internal', '10.9.9.9', 6543, policy).allowed).toBe(false);
    expect(decideDestination('127.0.0.1', '127.0.0.1', 7777, policy).allowed).toBe(false);
    expect(decideDestination('db.internal', '10.9.9.9', 443, policy).allowed).toBe(true);
    expect(decideDestination('10.1.2.3', '10.1.2.3', 8443, policy).allowed).toBe(true);
  });
});
