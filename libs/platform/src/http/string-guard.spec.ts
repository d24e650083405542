import { findInvalidString } from './string-guard';

describe('findInvalidString', () => {
  it('accepts ordinary text, paired surrogates included', () => {
    expect(findInvalidString({ a: ['ok', { kéy: 'emoji 😀 and 𝄞' }], n: 1, b: null })).toBeNull();
  });

  it.each([
    ['a NUL in a value', { a: 'x\u0000y' }, '$.a'],
    ['a NUL deep in an array', { a: [{ b: ['ok', '\u0000'] }] }, '$.a[0].b[1]'],
    ['a NUL in a key', { 'k\u0000': 1 }, '$ (a key)'],
    ['a lone high surrogate', { a: 'x\ud800' }, '$.a'],
    ['a lone low surrogate', { a: '\udc00x' }, '$.a'],
    ['reversed surrogates', { a: '\udc00\ud800' }, '$.a'],
    ['a top-level string', '\u0000', '$'],
  ])('finds %s', (_what, value, where) => {
    expect(findInvalidString(value)).toBe(where);
  });

  it('walks very deep values without overflowing the stack', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findInvalidString(deep)).toMatch(/^\$(\[0\])+$/);
  });

  it('leaves raw bodies alone', () => {
    expect(findInvalidString(Buffer.from('\u0000'))).toBeNull();
  });
});
