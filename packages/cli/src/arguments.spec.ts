import { coerceInputs, collectInput, parseChoice, parseLimit, parsePriority, parseSince } from './arguments';

describe('command-line values', () => {
  it('collects --input key=value as strings and key:=json as JSON values', () => {
    const inputs = ['region=north', 'note=a=b', 'limit:=5', 'dry:=true', 'tags:=["a","b"]'].reduce<Record<string, unknown>>(
      (all, raw) => collectInput(raw, all),
      {},
    );
    expect(inputs).toEqual({ region: 'north', note: 'a=b', limit: 5, dry: true, tags: ['a', 'b'] });
  });

  it('refuses an input without a key, with bad JSON, or given twice', () => {
    expect(() => collectInput('novalue')).toThrow('expected key=value');
    expect(() => collectInput('=x')).toThrow('expected key=value');
    expect(() => collectInput('n:={oops')).toThrow('is not JSON');
    expect(() => collectInput('a=2', { a: '1' })).toThrow('given twice');
  });

  it('reads --since as a duration back from now or as an ISO date-time', () => {
    const now = new Date('2026-12-06T20:00:00Z');
    expect(parseSince('90m', now)).toBe('2026-12-06T18:30:00.000Z');
    expect(parseSince('2d', now)).toBe('2026-12-04T20:00:00.000Z');
    expect(parseSince('2026-12-01T00:00:00+01:00', now)).toBe('2026-11-30T23:00:00.000Z');
    expect(() => parseSince('yesterday', now)).toThrow('expected a duration');
  });

  it('takes limits as positive whole numbers and choices case-insensitively', () => {
    expect(parseLimit('20')).toBe(20);
    expect(() => parseLimit('0')).toThrow();
    expect(() => parseLimit('2.5')).toThrow();
    expect(parseChoice(['Success', 'Failed'] as const)('failed')).toBe('Failed');
    expect(() => parseChoice(['Success'] as const)('Done')).toThrow('expected one of Success');
  });

  it('takes a priority from -100 to 100', () => {
    expect([parsePriority('-100'), parsePriority('0'), parsePriority('100')]).toEqual([-100, 0, 100]);
    for (const bad of ['101', '-101', '1.5', 'high', '']) expect(() => parsePriority(bad)).toThrow('from -100 to 100');
  });

  it('types string inputs as the workflow declares them, leaving what does not read cleanly to the API', () => {
    const declared = [
      { name: 'days', type: 'number' },
      { name: 'dry', type: 'boolean' },
      { name: 'filter', type: 'json' },
      { name: 'city' },
      { name: 'since', type: 'date' },
    ];
    expect(coerceInputs({ days: '7', dry: 'true', filter: '{"a":1}', city: '42', since: '2026-12-01', extra: '1' }, declared)).toEqual({
      days: 7,
      dry: true,
      filter: { a: 1 },
      city: '42',
      since: '2026-12-01',
      extra: '1',
    });
    expect(coerceInputs({ days: 'seven', dry: 'yes', filter: '{oops', n: 5 }, declared)).toEqual({
      days: 'seven',
      dry: 'yes',
      filter: '{oops',
      n: 5,
    });
    expect(coerceInputs({ days: ' ' }, declared)).toEqual({ days: ' ' });
  });
});
