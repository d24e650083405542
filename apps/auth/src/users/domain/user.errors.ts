import { DomainError } from '@mindhill/domain';

// The coded answers of the user rules, spelled once (messages as clients have always seen them).
export const userErrors = {
  unauthenticated: () => new DomainError('AUTH.UNAUTHENTICATED', 'Sign in first', 'unauthorized'),
  notFound: (id: string) => new DomainError('AUTH.USER_NOT_FOUND', `No user ${id}`, 'not-found'),
  emailTaken: () => new DomainError('AUTH.EMAIL_TAKEN', 'An account with this e-mail already exists', 'conflict'),
  // One answer for every login failure, so the response never tells whether the e-mail exists.
  invalidCredentials: () => new DomainError('AUTH.INVALID_CREDENTIALS', 'E-mail or password is wrong', 'unauthorized'),
  // 'invalid' while enrolling or disabling, 'unauthorized' at the second step of a login.
  invalidCode: (kind: 'invalid' | 'unauthorized') =>
    new DomainError('AUTH.INVALID_TWO_FACTOR_CODE', 'The code is wrong or was already used', kind),
  twoFactorAlreadyEnabled: (message: string) => new DomainError('AUTH.TWO_FACTOR_ALREADY_ENABLED', message, 'conflict'),
  twoFactorNotSetUp: () => new DomainError('AUTH.TWO_FACTOR_NOT_SET_UP', 'Start with POST /api/v1/auth/2fa/setup', 'conflict'),
  twoFactorNotEnabled: () => new DomainError('AUTH.TWO_FACTOR_NOT_ENABLED', 'Two-factor sign-in is not on', 'conflict'),
  wrongPassword: (message: string) => new DomainError('AUTH.INVALID_CURRENT_PASSWORD', message, 'invalid'),
  passwordUnchanged: () => new DomainError('AUTH.PASSWORD_UNCHANGED', 'The new password must differ from the current one', 'invalid'),
  invalidToken: () => new DomainError('AUTH.INVALID_TOKEN', 'The link is not valid or was already used', 'invalid'),
  expiredToken: () => new DomainError('AUTH.TOKEN_EXPIRED', 'The link has expired: ask for a new one', 'invalid'),
  emailAlreadyVerified: () => new DomainError('AUTH.EMAIL_ALREADY_VERIFIED', 'This e-mail address is already verified', 'conflict'),
  lastAdmin: () => new DomainError('AUTH.LAST_ADMIN', 'This is the last active admin: make another admin first', 'conflict'),
};
