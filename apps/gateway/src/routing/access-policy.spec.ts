import { Principal } from '../identity/principal';
import { decideAccess } from './access-policy';
import { ADMIN_ONLY, ANY_USER, PUBLIC } from './route-table';

const as = (role: Principal['role']): Principal => ({
  userId: '0e4c7f3c-2f6a-4d8e-9a51-3f1d2b1c0a99',
  userNumber: 1,
  email: 'a@example.com',
  role,
  sessionId: 's',
  tokenVersion: 1,
  expiresAt: Date.now() + 60_000,
});

describe('decideAccess', () => {
  it('lets anyone through a public route', () => {
    expect(decideAccess(PUBLIC, null, null)).toEqual({ allow: true });
  });

  it('asks for a token when none was given', () => {
    expect(decideAccess(ADMIN_ONLY, null, null)).toMatchObject({ allow: false, status: 401, code: 'AUTH.TOKEN_MISSING' });
  });

  it('reports why a given token was refused', () => {
    expect(decideAccess(ANY_USER, null, 'AUTH.TOKEN_EXPIRED')).toMatchObject({ allow: false, status: 401, code: 'AUTH.TOKEN_EXPIRED' });
  });

  it.each([['user'], ['viewer']] as const)('refuses %s on an admin route with 403', (role) => {
    expect(decideAccess(ADMIN_ONLY, as(role), null)).toMatchObject({ allow: false, status: 403, code: 'AUTH.FORBIDDEN' });
  });

  it('lets an admin through an admin route', () => {
    expect(decideAccess(ADMIN_ONLY, as('admin'), null)).toEqual({ allow: true });
  });
});
