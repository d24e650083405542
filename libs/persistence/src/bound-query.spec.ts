import { positional } from './bound-query';

describe('positional', () => {
  it('numbers the ? placeholders in order', () => {
    expect(positional('SELECT * FROM t WHERE a = ? AND b = ANY(?::uuid[]) LIMIT ?')).toBe(
      'SELECT * FROM t WHERE a = $1 AND b = ANY($2::uuid[]) LIMIT $3',
    );
  });

  it('keeps an escaped \\? as a literal question mark (the jsonb operator)', () => {
    expect(positional('SELECT payload \\? ? FROM t WHERE id = ?')).toBe('SELECT payload ? $1 FROM t WHERE id = $2');
  });

  it('leaves a statement without placeholders as it is', () => {
    expect(positional('SELECT 1')).toBe('SELECT 1');
  });
});
