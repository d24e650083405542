import { useState } from 'react';
import { Button } from 'react-aria-components';
import { api, errorText } from '../api/client';
import type { AdminUser } from '../api/views';
import { ConfirmButton } from './confirm';

const ROLES = ['admin', 'user', 'viewer'] as const;
type Role = (typeof ROLES)[number];

// One account's role and deactivation, each confirmed first; the API's refusal (the last admin,
// say) is shown in the row. The signed-in admin's own row offers neither: demoting or
// deactivating oneself would lock one out, whatever the API would allow.
export function UserAdminActions({ user, self, onChanged }: { user: AdminUser; self: boolean; onChanged: () => void }) {
  const [role, setRole] = useState<Role>(user.role as Role);
  const [error, setError] = useState<string | null>(null);
  const changing = role !== user.role;

  const changeRole = async () => {
    const { error: failed } = await api.PATCH('/api/v1/users/{id}/role', { params: { path: { id: user.id } }, body: { role } });
    if (failed) {
      setRole(user.role as Role);
      return setError(errorText(failed));
    }
    setError(null);
    onChanged();
  };

  const deactivate = async () => {
    const { error: failed } = await api.POST('/api/v1/users/{id}/deactivate', { params: { path: { id: user.id } } });
    if (failed) return setError(errorText(failed));
    setError(null);
    onChanged();
  };

  if (self) return <span className="muted">you</span>;
  return (
    <div className="user-actions">
      <select aria-label={`Role of ${user.email}`} value={role} disabled={!user.isActive} onChange={(e) => setRole(e.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {changing && (
        <span role="group" aria-label={`Confirm the role of ${user.email}`} className="confirm-inline">
          <span>
            Make {user.email} {role === 'admin' ? 'an' : 'a'} {role}?
          </span>
          <Button autoFocus onPress={() => void changeRole()}>
            Change role
          </Button>
          <Button className="secondary outline" onPress={() => setRole(user.role as Role)}>
            Cancel
          </Button>
        </span>
      )}
      {user.isActive && !changing && (
        <ConfirmButton
          label="Deactivate"
          question={`Deactivate ${user.email}? They are signed out everywhere and cannot sign in again.`}
          confirmLabel={`Deactivate ${user.email}`}
          onConfirm={deactivate}
        />
      )}
      {error && (
        <p role="alert" className="status-Failed">
          {error}
        </p>
      )}
    </div>
  );
}
