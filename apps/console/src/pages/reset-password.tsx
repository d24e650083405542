import { useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { api, errorText } from '../api/client';
import { Alert, Field } from '../components/form';

// The page the password-reset mail links to: PUBLIC_APP_URL/reset-password?token=…
export default function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(token ? null : 'This link has no token: open the link from the mail again.');
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { error: failed } = await api.POST('/api/v1/auth/password-reset/confirm', { body: { token, newPassword: password } });
    if (failed) setError(errorText(failed));
    else setDone(true);
  };

  return (
    <main id="main" className="container">
      <article className="narrow">
        <h1>Choose a new password</h1>
        {done ? (
          <p role="status">
            Your password is changed. <Link to="/sign-in">Sign in</Link>
          </p>
        ) : (
          <Form onSubmit={(e) => void submit(e)}>
            <Field
              label="New password"
              name="newPassword"
              type="password"
              value={password}
              onChange={setPassword}
              isRequired
              autoComplete="new-password"
            />
            <Alert>{error}</Alert>
            <Button type="submit" isDisabled={!token}>
              Change password
            </Button>
          </Form>
        )}
      </article>
    </main>
  );
}
