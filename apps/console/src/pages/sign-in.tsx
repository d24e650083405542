import { useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useNavigate, useSearchParams } from 'react-router';
import { api, errorText, type User } from '../api/client';
import { session } from '../api/session';
import { Alert, Field } from '../components/form';

type LoginAnswer =
  | { accessToken: string; refreshToken: string; user: User }
  | { mfaRequired: true; mfaToken: string }
  | { passwordChangeRequired: true; changeToken: string };

// E-mail and password, then (for an account with two-factor login) the authenticator's code or
// a backup code.
export function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [useBackup, setUseBackup] = useState(false);
  const [error, setError] = useState<string | null>(session.endedBecause() === 'expired' ? 'Your session ended: sign in again.' : null);
  const [busy, setBusy] = useState(false);

  const finish = (answer: LoginAnswer) => {
    if ('mfaRequired' in answer) {
      setMfaToken(answer.mfaToken);
      setError(null);
      return;
    }
    if ('passwordChangeRequired' in answer) {
      setError('This account must change its one-time password first (see docs/operations.md, First admin).');
      return;
    }
    session.start({ accessToken: answer.accessToken, refreshToken: answer.refreshToken, user: answer.user });
    const next = params.get('next');
    // Only a path of this site: never an absolute URL from the query.
    void navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/workflows', { replace: true });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data, error: failed } = mfaToken
        ? await api.POST('/api/v1/auth/login/2fa', {
            body: useBackup ? { mfaToken, backupCode: code.trim() } : { mfaToken, code: code.trim() },
          })
        : await api.POST('/api/v1/auth/login', { body: { email, password } });
      if (failed || !data) setError(errorText(failed, 'Sign-in failed'));
      else finish(data as LoginAnswer);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="container">
      <article className="narrow">
        <h1>Sign in</h1>
        <Form onSubmit={(e) => void submit(e)}>
          {!mfaToken ? (
            <>
              <Field label="E-mail" name="email" type="email" value={email} onChange={setEmail} isRequired autoComplete="username" />
              <Field
                label="Password"
                name="password"
                type="password"
                value={password}
                onChange={setPassword}
                isRequired
                autoComplete="current-password"
              />
            </>
          ) : (
            <>
              <p>Two-factor sign-in is on for this account.</p>
              <Field
                label={useBackup ? 'Backup code' : 'Code from your authenticator app'}
                name="code"
                value={code}
                onChange={setCode}
                isRequired
                autoFocus
                inputMode={useBackup ? 'text' : 'numeric'}
                autoComplete="one-time-code"
              />
              <Button type="button" className="secondary outline" onPress={() => setUseBackup(!useBackup)}>
                {useBackup ? 'Use an authenticator code' : 'Use a backup code'}
              </Button>
            </>
          )}
          <Alert>{error}</Alert>
          <Button type="submit" isDisabled={busy}>
            {mfaToken ? 'Verify' : 'Sign in'}
          </Button>
        </Form>
      </article>
    </main>
  );
}
