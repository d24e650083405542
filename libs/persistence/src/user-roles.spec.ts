import { isActiveAdmin, userRoleChange } from './user-roles';

const USER = '2f1c6f0e-7a4b-4c39-9a43-5d1d3c7c2a10';

describe('user roles', () => {
  it('grants admin only to an active account whose current role is admin', () => {
    expect(isActiveAdmin({ role: 'admin', active: true })).toBe(true);
    expect(isActiveAdmin({ role: 'admin', active: false })).toBe(false);
    expect(isActiveAdmin({ role: 'user', active: true })).toBe(false);
    // No row: least privilege.
    expect(isActiveAdmin(undefined)).toBe(false);
    expect(isActiveAdmin(null)).toBe(false);
  });

  it('reads each auth user event as the change it makes', () => {
    expect(userRoleChange({ type: 'auth.user.registered', payload: { userId: USER, userNumber: 7, role: 'admin' } })).toEqual({
      kind: 'added',
      userId: USER,
      userNumber: 7,
      role: 'admin',
    });
    expect(userRoleChange({ type: 'auth.user.created', payload: { userId: USER, userNumber: 7, role: 'user' } })).toEqual({
      kind: 'added',
      userId: USER,
      userNumber: 7,
      role: 'user',
    });
    expect(userRoleChange({ type: 'auth.user.role-changed', payload: { userId: USER, oldRole: 'admin', newRole: 'viewer' } })).toEqual({
      kind: 'role',
      userId: USER,
      role: 'viewer',
    });
    expect(userRoleChange({ type: 'auth.user.deactivated', payload: { userId: USER } })).toEqual({ kind: 'inactive', userId: USER });
    expect(userRoleChange({ type: 'auth.user.deleted', payload: { userId: USER } })).toEqual({ kind: 'inactive', userId: USER });
    expect(userRoleChange({ type: 'auth.user.logged-in', payload: { userId: USER } })).toBeNull();
  });
});
