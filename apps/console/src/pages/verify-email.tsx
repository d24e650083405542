import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { api, errorText } from '../api/client';
import { Alert } from '../components/form';

// The page the verification mail links to: PUBLIC_APP_URL/verify-email?token=… The token is sent
// on a press, not on load, so a mail scanner that follows links does not use it up.
export default function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [error, setError] = useState<string | null>(token ? null : 'This link has no token: open the link from the mail again.');
  const [done, setDone] = useState(false);

  const confirm = async () => {
    const { error: failed } = await api.POST('/api/v1/auth/verify-email/confirm', { body: { token } });
    if (failed) setError(errorText(failed));
    else setDone(true);
  };

  return (
    <main id="main" className="container">
      <article className="narrow">
        <h1>Verify your e-mail address</h1>
        {done ? (
          <p role="status">
            Your address is verified. <Link to="/sign-in">Sign in</Link>
          </p>
        ) : (
          <>
            <Alert>{error}</Alert>
            <Button isDisabled={!token} onPress={() => void confirm()}>
              Verify my address
            </Button>
          </>
        )}
      </article>
    </main>
  );
}
