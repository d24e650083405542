import { DomainError } from '@mindhill/domain';
import { assertStrongPassword, normalizeEmail, passwordWeaknesses } from './credentials.policy';

describe('credentials policy', () => {
  it('normalises a valid e-mail to lower case without spaces', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
  });

  it.each(['plainaddress', 'a@b', 'two@@example.com', 'sp ace@example.com', '@example.com', `${'x'.repeat(65)}@example.com`])(
    'rejects %s with AUTH.INVALID_EMAIL',
    (email) => {
      expect(() => normalizeEmail(email)).toThrow(expect.objectContaining({ code: 'AUTH.INVALID_EMAIL' }));
    },
  );

  it('accepts a long, varied password', () => {
    expect(passwordWeaknesses('correct horse battery staple', 'ada@example.com')).toEqual([]);
  });

  it('names every weakness it finds', () => {
    expect(passwordWeaknesses('short', 'ada@example.com')).toContain('shorter than 12 characters');
    expect(passwordWeaknesses('Password1234', 'ada@example.com')).toContain('a commonly used password');
    expect(passwordWeaknesses('aaaaaaaaaaaaaaaa', 'ada@example.com')).toContain('too few distinct characters');
    expect(passwordWeaknesses('lovelace-is-my-secret', 'lovelace@example.com')).toContain('contains the e-mail name');
  });

  it('throws a coded domain error for a weak password', () => {
    try {
      assertStrongPassword('short', 'ada@example.com');
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('AUTH.WEAK_PASSWORD');
      expect((error as DomainError).kind).toBe('invalid');
    }
  });
});
