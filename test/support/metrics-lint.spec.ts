import { lintExposition } from './metrics-lint';

describe('lintExposition', () => {
  it('accepts a well-formed page', () => {
    expect(lintExposition('# HELP a_total A.\n# TYPE a_total counter\na_total{x="1"} 3\n')).toEqual([]);
  });
  it('finds a counter without _total, a missing HELP and a broken line', () => {
    const problems = lintExposition('# TYPE b counter\nb 1\nthis is not a sample\n');
    expect(problems).toEqual(
      expect.arrayContaining(['no HELP for b', 'counter b does not end in _total', 'unparseable line: this is not a sample']),
    );
  });
});
