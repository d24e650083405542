// Who besides the owner sees a workflow: users by number (the API's `sharedWithUsers`), or
// everyone. Only an admin may list accounts, so only an admin can add someone by e-mail; others
// give the user's number (each user sees their own here).
import { useEffect, useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { api, errorText } from '../api/client';
import { session } from '../api/session';
import { errorAt, fieldErrorsOf, type FieldErrors } from '../api/field-errors';
import { Alert, Field } from './form';
import type { WorkflowView } from './workflow-draft';

type Account = { number: number; email: string };

export function WorkflowSharing({ workflow, onSaved }: { workflow: WorkflowView; onSaved: (w: WorkflowView) => void }) {
  const admin = session.current()?.user.role === 'admin';
  const [me, setMe] = useState<number | null>(null);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [who, setWho] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  useEffect(() => {
    void api.GET('/api/v1/auth/me').then(({ data }) => setMe(data?.number ?? null));
    if (admin) void allAccounts().then(setAccounts);
  }, [admin]);

  const emailOf = (n: number) => accounts.find((a) => a.number === n)?.email;
  const change = async (body: { sharedWithUsers?: number[]; isPublic?: boolean }) => {
    setError(null);
    setErrors({});
    const { data, error: failed } = await api.PATCH('/api/v1/workflows/{id}', { params: { path: { id: workflow.id } }, body });
    if (failed || !data) {
      setError(errorText(failed));
      setErrors(fieldErrorsOf(failed));
      return false;
    }
    onSaved(data);
    return true;
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const text = who.trim();
    let number: number | undefined;
    if (text.includes('@')) {
      if (!admin) return setErrors({ sharedWithUsers: 'Only an admin can look up an e-mail: give the user’s number.' });
      number = accounts.find((a) => a.email.toLowerCase() === text.toLowerCase())?.number;
      if (number === undefined) return setErrors({ sharedWithUsers: `No account with the e-mail ${text}.` });
    } else if (/^\d+$/.test(text)) {
      number = Number(text);
    } else {
      return setErrors({ sharedWithUsers: admin ? 'Give a user number or an e-mail.' : 'Give a user number.' });
    }
    if (await change({ sharedWithUsers: [...workflow.sharedWithUsers, number] })) setWho('');
  };

  return (
    <section aria-labelledby="sharing-heading">
      <h2 id="sharing-heading">Sharing</h2>
      {workflow.sharedWithUsers.length === 0 ? (
        <p>Shared with nobody.</p>
      ) : (
        <ul aria-label="Shared with">
          {workflow.sharedWithUsers.map((n) => (
            <li key={n}>
              user {n}
              {emailOf(n) ? ` (${emailOf(n)})` : ''}{' '}
              <Button
                className="secondary outline inline"
                aria-label={`Remove user ${n} from the sharing`}
                onPress={() => void change({ sharedWithUsers: workflow.sharedWithUsers.filter((x) => x !== n) })}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Form onSubmit={(e) => void add(e)} aria-label="Share the workflow">
        <Field
          label={admin ? 'User number or e-mail' : 'User number'}
          name="sharedWithUsers"
          value={who}
          onChange={setWho}
          isRequired
          description={me !== null ? `Your own user number is ${me}.` : undefined}
          errorMessage={errorAt(errors, 'sharedWithUsers')}
        />
        <label>
          <input type="checkbox" checked={workflow.isPublic} onChange={(e) => void change({ isPublic: e.target.checked })} />
          Visible to every user
        </label>
        <Alert>{error}</Alert>
        <Button type="submit" className="secondary">
          Share
        </Button>
      </Form>
    </section>
  );
}

// Every account, page by page (admins only).
async function allAccounts(): Promise<Account[]> {
  const out: Account[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const { data } = await api.GET('/api/v1/users', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } } });
    if (!data) break;
    out.push(...data.items);
    if (!data.nextCursor) break;
    cursor = data.nextCursor;
  }
  return out;
}
