import { buildOutboundPolicy, classifyAddress, decideDestination, parseCidrRule, parseDenyRule, parseHostRule } from './address-policy';
import { checkUrlAtSave } from './guarded-fetch';

const none = () => buildOutboundPolicy({});

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['169.254.0.1', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['febf::1', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.255', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.255', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fec0::1', 'deprecatedSiteLocal'],
    ['2001:db8::1', 'reserved'],
    // IPv4 inside IPv6.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'linkLocal'],
    ['::ffff:10.1.2.3', 'private'],
    ['::7f00:1', 'ipv4Compatible'],
    ['::a00:1', 'ipv4Compatible'],
    ['::a9fe:a9fe', 'ipv4Compatible'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['64:ff9b::a9fe:a9fe', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['2002:a9fe:a9fe::1', '6to4'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'teredo'],
    ['100::1', 'discard'],
    ['3fff::1', 'reserved'],
    // Public.
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['::ffff:8.8.8.8', 'public'],
    ['2606:4700::1111', 'public'],
    ['not an address', 'not-an-address'],
  ])('%s is %s', (address, range) => {
    expect(classifyAddress(address)).toBe(range);
  });
});

describe('decideDestination', () => {
  it('allows public addresses and refuses every special range without an allow rule', () => {
    expect(decideDestination('example.com', '93.184.215.14', 443, none())).toEqual({ allowed: true });
    for (const a of ['127.0.0.1', '10.1.1.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:127.0.0.1', '100.64.1.1', '0.0.0.0', '::']) {
      expect([a, decideDestination('example.com', a, 443, none()).allowed]).toEqual([a, false]);
    }
    expect(decideDestination('x', '64:ff9b::7f00:1', 80, none())).toEqual({ allowed: false, reason: 'embedded-ipv4' });
  });

  it('lets a host rule through by the name written in the URL, not by what another name resolves to', () => {
    const policy = buildOutboundPolicy({ allowHosts: ['127.0.0.1:8099', 'api.internal'] });
    expect(decideDestination('127.0.0.1', '127.0.0.1', 8099, policy)).toEqual({ allowed: true });
    expect(decideDestination('127.0.0.1', '127.0.0.1', 8098, policy).allowed).toBe(false);
    expect(decideDestination('localhost', '127.0.0.1', 8099, policy).allowed).toBe(false);
    expect(decideDestination('127.0.0.2', '127.0.0.2', 8099, policy).allowed).toBe(false);
    expect(decideDestination('api.internal', '10.0.0.7', 443, policy)).toEqual({ allowed: true });
    expect(decideDestination('API.INTERNAL', '10.0.0.7', 80, policy)).toEqual({ allowed: true });
  });

  it('lets a CIDR rule through by the resolved address (IPv4-mapped too)', () => {
    const policy = buildOutboundPolicy({ allowCidrs: ['10.20.0.0/16', 'fd00:1::/64'] });
    expect(decideDestination('a.example', '10.20.3.4', 443, policy)).toEqual({ allowed: true });
    expect(decideDestination('a.example', '::ffff:10.20.3.4', 443, policy)).toEqual({ allowed: true });
    expect(decideDestination('a.example', '10.21.3.4', 443, policy).allowed).toBe(false);
    expect(decideDestination('a.example', 'fd00:1::5', 443, policy)).toEqual({ allowed: true });
  });

  it('never reaches the platform own ports, even with the whole loopback range allowed', () => {
    const policy = buildOutboundPolicy({
      allowCidrs: ['127.0.0.0/8', '::1/128'],
      ownPorts: [4100],
      ownDestinations: ['db.internal:6543'],
      deny: ['7000', 'kafka.internal:9192'],
    });
    for (const port of [3001, 3002, 3003, 3004, 3005, 3006, 8080, 9092, 9093, 5432, 6379, 4100, 7000, 6543, 9192]) {
      expect([port, decideDestination('127.0.0.1', '127.0.0.1', port, policy)]).toEqual([
        port,
        { allowed: false, reason: 'platform-port' },
      ]);
      expect([port, decideDestination('::1', '::1', port, policy).allowed]).toEqual([port, false]);
    }
    expect(decideDestination('127.0.0.1', '127.0.0.1', 4101, policy)).toEqual({ allowed: true });
    // A host:port entry is refused even where the address is public.
    expect(decideDestination('db.internal', '203.0.113.9', 6543, policy).allowed).toBe(false);
    expect(decideDestination('kafka.internal', '8.8.8.8', 9192, policy).allowed).toBe(false);
    expect(decideDestination('kafka.internal', '8.8.8.8', 443, policy).allowed).toBe(true);
    // A bare port is the platform's on private addresses only (public APIs answer on 8080 too).
    expect(decideDestination('api.example', '8.8.8.8', 8080, policy).allowed).toBe(true);
  });

  it('keeps the own port a service adds after binding', () => {
    const policy = buildOutboundPolicy({ allowCidrs: ['127.0.0.0/8'] });
    expect(decideDestination('127.0.0.1', '127.0.0.1', 45123, policy).allowed).toBe(true);
    policy.denyPorts.add(45123);
    expect(decideDestination('127.0.0.1', '127.0.0.1', 45123, policy).allowed).toBe(false);
  });
});

describe('checkUrlAtSave: every spelling of a refused address', () => {
  it.each([
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://0x7f.1/',
    'http://0x7f000001/',
    'http://127.1/',
    'http://127.0.1/',
    'http://017700000001/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[0:0:0:0:0:ffff:7f00:1]/',
    'http://[::127.0.0.1]/',
    'http://[64:ff9b::127.0.0.1]/',
    'http://[2002:7f00:1::]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://2852039166/',
    'http://0xa9fea9fe/',
    'http://0251.0376.0251.0376/',
    'http://[::ffff:169.254.169.254]/',
    'http://[fd00:ec2::254]/',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://192.168.0.1/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://0/',
    'http://[::]/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'https://127.0.0.1:8443/x',
    'http://localhost/',
    'http://LOCALHOST:3000/',
    'http://api.localhost/',
  ])('%s is refused with OUTBOUND.DESTINATION_NOT_ALLOWED', (url) => {
    expect(() => checkUrlAtSave(url, none())).toThrow(
      expect.objectContaining({ code: 'OUTBOUND.DESTINATION_NOT_ALLOWED', kind: 'invalid' }),
    );
  });

  it.each(['ftp://example.com/a', 'file:///etc/passwd', 'gopher://127.0.0.1/', 'http://user:pw@example.com/', 'not a url'])(
    '%s is not a callable URL',
    (url) => {
      expect(() => checkUrlAtSave(url, none())).toThrow(expect.objectContaining({ code: 'OUTBOUND.INVALID_URL' }));
    },
  );

  it('passes public addresses and names (names are judged at connect time)', () => {
    expect(checkUrlAtSave('https://8.8.8.8/dns', none()).hostname).toBe('8.8.8.8');
    expect(checkUrlAtSave('http://intranet.example/', none()).hostname).toBe('intranet.example');
    expect(checkUrlAtSave('http://127.0.0.1:8099/x', buildOutboundPolicy({ allowHosts: ['127.0.0.1:8099'] })).port).toBe('8099');
  });
});

describe('rule parsing', () => {
  it('reads host, CIDR and deny rules as operators write them, and names a bad entry', () => {
    expect(parseHostRule('127.1:8099')).toEqual({ host: '127.0.0.1', port: 8099 });
    expect(parseHostRule('[::1]:80')).toEqual({ host: '::1', port: 80 });
    expect(parseHostRule('API.Example.com')).toEqual({ host: 'api.example.com', port: null });
    expect(parseCidrRule('10.0.0.0/8').text).toBe('10.0.0.0/8');
    expect(parseCidrRule('fd00::1').range[1]).toBe(128);
    expect(parseDenyRule('9192')).toEqual({ port: 9192 });
    expect(parseDenyRule('kafka:9092')).toEqual({ host: 'kafka', port: 9092 });
    expect(() => parseHostRule('http://x/y')).toThrow('is not a host');
    expect(() => parseCidrRule('127.1/8')).toThrow('not an address or CIDR');
    expect(() => parseCidrRule('10.0.0.0/40')).toThrow('not an address or CIDR');
    expect(() => parseDenyRule('kafka')).toThrow('needs a port');
  });
});
