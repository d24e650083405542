import { pgTextArray } from './pg-array';

describe('pgTextArray', () => {
  it('writes an empty array literal', () => expect(pgTextArray([])).toBe('{}'));
  it('quotes and escapes elements', () => expect(pgTextArray(['a', 'b"c', 'd\\e'])).toBe('{"a","b\\"c","d\\\\e"}'));
});
