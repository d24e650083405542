import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { api, errorText } from '../api/client';
import type { AnswerOf } from '../api/answers';
import { session } from '../api/session';
import { ConfirmButton } from './confirm';
import { Alert, dateTime, TableScroll } from './form';

type SignedInSession = AnswerOf<'/api/v1/auth/sessions', 'get'>['items'][number];

const device = (s: SignedInSession) => `${s.browser ?? 'Unknown browser'} on ${s.os ?? 'an unknown system'}`;

// Where the account is signed in; any other session can be signed out. The API's revoke-all
// ends this session too, so "all other sessions" revokes them one by one and "everywhere" is
// revoke-all followed by the sign-in page.
export function SessionList() {
  const [sessions, setSessions] = useState<SignedInSession[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const load = useCallback(async () => {
    const { data, error: failed } = await api.GET('/api/v1/auth/sessions');
    if (failed || !data) setError(errorText(failed));
    else setSessions(data.items);
  }, []);
  useEffect(() => void load(), [load]);

  const revoke = async (s: SignedInSession) => {
    const { error: failed } = await api.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id: s.id } } });
    if (failed) return setError(errorText(failed));
    setError(null);
    setStatus(`Signed out ${device(s)} (${s.ip ?? 'unknown address'}).`);
    await load();
  };

  const revokeOthers = async () => {
    const others = (sessions ?? []).filter((s) => !s.current);
    for (const s of others) {
      const { error: failed } = await api.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id: s.id } } });
      if (failed) setError(errorText(failed));
    }
    setStatus(`Signed out ${others.length} other session${others.length === 1 ? '' : 's'}.`);
    await load();
  };

  const revokeAll = async () => {
    const { error: failed } = await api.POST('/api/v1/auth/sessions/revoke-all');
    if (failed) return setError(errorText(failed));
    session.end();
  };

  const others = (sessions ?? []).filter((s) => !s.current).length;
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <Alert>{error}</Alert>
      {status && <p role="status">{status}</p>}
      {sessions === null ? (
        <p aria-busy="true">Loading sessions…</p>
      ) : (
        <TableScroll label="Sessions">
          <table>
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">Address</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last active</th>
                <th scope="col">Sign out</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id} data-session-id={s.id} aria-current={s.current ? 'true' : undefined}>
                  <td>
                    {device(s)}
                    {s.current && <strong className="current-session"> (this session)</strong>}
                  </td>
                  <td>{s.ip ?? '—'}</td>
                  <td>{dateTime(s.createdAt)}</td>
                  <td>{dateTime(s.lastActivityAt)}</td>
                  <td>
                    {!s.current && (
                      <Button
                        className="secondary outline"
                        onPress={() => void revoke(s)}
                        aria-label={`Sign out ${device(s)}, signed in ${dateTime(s.createdAt)}`}
                      >
                        Sign out
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="actions">
        <ConfirmButton
          label="Sign out all other sessions"
          question={`Sign out ${others} other session${others === 1 ? '' : 's'}?`}
          confirmLabel="Sign them out"
          isDisabled={others === 0}
          onConfirm={revokeOthers}
        />
        <ConfirmButton
          label="Sign out everywhere"
          question="Sign out every session, this one too?"
          confirmLabel="Sign out everywhere"
          onConfirm={revokeAll}
        />
      </div>
    </section>
  );
}
