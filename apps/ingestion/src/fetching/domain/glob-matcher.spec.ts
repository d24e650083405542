import { globIsRecursive, globMatches } from './glob-matcher';

describe('globMatches', () => {
  it.each([
    ['*.csv', 'a.csv', true],
    ['*.csv', 'sub/a.csv', false],
    ['**/*.csv', 'a.csv', true],
    ['**/*.csv', 'x/y/a.csv', true],
    ['data/**', 'data/x/y.txt', true],
    ['file?.txt', 'file1.txt', true],
    ['file?.txt', 'file10.txt', false],
    ['a.b', 'axb', false],
    ['*', '.hidden', true],
    ['report(1).txt', 'report(1).txt', true],
    // Only *, ** and ? are wildcards: the rest of picomatch's syntax is read literally.
    ['report(1).txt', 'report1.txt', false],
    ['a[1].txt', 'a1.txt', false],
    ['{a,b}.txt', 'a.txt', false],
    ['!x.txt', 'y.txt', false],
    ['sub/*.txt', 'sub/.h.txt', true],
  ])('%s vs %s → %s', (glob, path, expected) => expect(globMatches(glob, path)).toBe(expected));
  it('knows when a walk must descend', () => {
    expect(globIsRecursive('*.txt')).toBe(false);
    expect(globIsRecursive('**/*.txt')).toBe(true);
    expect(globIsRecursive('sub/*.txt')).toBe(true);
  });
});
