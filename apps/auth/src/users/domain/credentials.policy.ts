import { DomainError } from '@mindhill/domain';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

// A few of the most common passwords that pass the length rule; the full list check comes with
// the identity work. Compared case-insensitively.
const COMMON_PASSWORDS = new Set([
  'password1234',
  'password12345',
  'password123456',
  '123456789012',
  'qwertyuiop12',
  'qwerty123456',
  'iloveyou1234',
  'administrator',
  'letmein12345',
  'welcome12345',
  '1q2w3e4r5t6y',
  'abcdefghijkl',
  'passwordpassword',
  'changeme1234',
  'aaaaaaaaaaaa',
  'admin1234567',
]);

// RFC 5321 limits and a pragmatic shape check: one @, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) {
    throw new DomainError('AUTH.INVALID_EMAIL', 'E-mail address is not valid', 'invalid');
  }
  return email;
}

export function passwordWeaknesses(password: string, email: string): string[] {
  const reasons: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) reasons.push(`shorter than ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH) reasons.push(`longer than ${PASSWORD_MAX_LENGTH} characters`);
  if (COMMON_PASSWORDS.has(password.toLowerCase())) reasons.push('a commonly used password');
  if (new Set(password).size < 4) reasons.push('too few distinct characters');
  const local = email.split('@')[0] ?? '';
  if (local.length >= 4 && password.toLowerCase().includes(local)) reasons.push('contains the e-mail name');
  return reasons;
}

export function assertStrongPassword(password: string, email: string): void {
  const reasons = passwordWeaknesses(password, email);
  if (reasons.length > 0) {
    throw new DomainError('AUTH.WEAK_PASSWORD', `Password is too weak: ${reasons.join(', ')}`, 'invalid', { reasons });
  }
}

// An account made without a display name shows the e-mail's local part.
export function defaultDisplayName(email: string): string {
  return (email.split('@')[0] ?? email).slice(0, 100);
}
