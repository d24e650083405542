import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { api, errorText, type Page } from '../api/client';
import { session } from '../api/session';
import type { AdminUser } from '../api/views';
import { Alert, dateTime, TableScroll } from '../components/form';
import { UserAdminActions } from '../components/user-admin-actions';

// Every account (admins): role, state, last sign-in; unlock a locked one; change a role or
// deactivate an account (components/user-admin-actions.tsx).
export default function UsersPage() {
  const [users, setUsers] = useState<AdminUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    void api.GET('/api/v1/users', { params: { query: { limit: 100 } } }).then(({ data, error: failed }) => {
      if (failed) setError(errorText(failed));
      else setUsers((data as Page<AdminUser>).items);
    });
  }, [reload]);

  const unlock = async (id: string) => {
    const { error: failed } = await api.POST('/api/v1/users/{id}/unlock', { params: { path: { id } } });
    if (failed) setError(errorText(failed));
    else setReload(reload + 1);
  };

  return (
    <>
      <h1>Users</h1>
      <Alert>{error}</Alert>
      {users === null ? (
        <p aria-busy="true">Loading users…</p>
      ) : (
        <TableScroll label="Users">
          <table>
            <thead>
              <tr>
                <th scope="col">E-mail</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">State</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => {
                const locked = u.lockedUntil !== null && new Date(u.lockedUntil) > new Date();
                return (
                  <tr key={u.id}>
                    <td>{u.email}</td>
                    <td>{u.displayName}</td>
                    <td>{u.role}</td>
                    <td>
                      {!u.isActive ? 'deactivated' : locked ? 'locked' : 'active'}
                      {u.isEmailVerified ? '' : ', e-mail not verified'}
                      {locked && (
                        <Button className="secondary outline" onPress={() => void unlock(u.id)} aria-label={`Unlock ${u.email}`}>
                          Unlock
                        </Button>
                      )}
                    </td>
                    <td>{dateTime(u.lastLoginAt)}</td>
                    <td>
                      <UserAdminActions user={u} self={u.id === session.current()?.user.id} onChanged={() => setReload(reload + 1)} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
