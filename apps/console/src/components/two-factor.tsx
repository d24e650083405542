import { useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { api, errorText, type ApiError } from '../api/client';
import { Alert, Field } from './form';

type Setup = { secret: string; otpauthUrl: string; qr: string };

// The otpauth URI as a QR code: an SVG drawn by qrcode (loaded only here), shown as a data: image
// (the console's CSP allows img-src data:; no markup is injected into the page).
async function qrImage(otpauthUrl: string): Promise<string> {
  const { toString } = await import('qrcode');
  const svg = await toString(otpauthUrl, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

// Two-factor sign-in: set up (QR code and the secret for manual entry), confirm with a code, the
// backup codes shown once; or, when on, turned off with the password and a code.
export function TwoFactor({ enabled, onChange }: { enabled: boolean; onChange: () => void }) {
  const [setup, setSetup] = useState<Setup | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [backupCodes, setBackupCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [codeError, setCodeError] = useState<string | undefined>();

  const start = async () => {
    setError(null);
    const { data, error: failed } = await api.POST('/api/v1/auth/2fa/setup');
    if (failed || !data) return setError(errorText(failed));
    setSetup({ ...data, qr: await qrImage(data.otpauthUrl) });
  };

  const enable = async (event: FormEvent) => {
    event.preventDefault();
    const { data, error: failed } = await api.POST('/api/v1/auth/2fa/enable', { body: { code: code.trim() } });
    if (failed || !data) return setCodeError(errorText(failed));
    setCodeError(undefined);
    setSetup(null);
    setCode('');
    setBackupCodes(data.backupCodes);
  };

  const disable = async (event: FormEvent) => {
    event.preventDefault();
    const { error: failed } = await api.POST('/api/v1/auth/2fa/disable', { body: { password, code: code.trim() } });
    if (failed) {
      const wrong = (failed as ApiError).error?.code;
      if (wrong === 'AUTH.INVALID_TWO_FACTOR_CODE') return setCodeError(errorText(failed));
      return setError(errorText(failed));
    }
    setCodeError(undefined);
    setError(null);
    setPassword('');
    setCode('');
    onChange();
  };

  let body;
  if (backupCodes) {
    body = (
      <>
        <p role="status">
          Two-factor sign-in is on. Keep these backup codes somewhere safe: each works once, and they are not shown again.
        </p>
        <ul className="backup-codes" aria-label="Backup codes">
          {backupCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <Button
          onPress={() => {
            setBackupCodes(null);
            onChange();
          }}
        >
          I have saved them
        </Button>
      </>
    );
  } else if (setup) {
    body = (
      <Form onSubmit={(e) => void enable(e)}>
        <p>Scan this code with an authenticator app, or type the key below into it, then enter the code it shows.</p>
        <img className="qr-code" src={setup.qr} alt="QR code of the two-factor key for your authenticator app" width={200} height={200} />
        <p>
          Key: <code className="secret">{setup.secret}</code>
        </p>
        <Field
          label="Code from your authenticator app"
          name="code"
          value={code}
          onChange={setCode}
          isRequired
          inputMode="numeric"
          autoComplete="one-time-code"
          errorMessage={codeError}
        />
        <Button type="submit">Turn on two-factor sign-in</Button>
      </Form>
    );
  } else if (enabled) {
    body = (
      <Form onSubmit={(e) => void disable(e)}>
        <p>Two-factor sign-in is on.</p>
        <div className="grid">
          <Field
            label="Password"
            name="password"
            type="password"
            value={password}
            onChange={setPassword}
            isRequired
            autoComplete="current-password"
          />
          <Field
            label="Current code"
            name="code"
            value={code}
            onChange={setCode}
            isRequired
            inputMode="numeric"
            autoComplete="one-time-code"
            errorMessage={codeError}
          />
        </div>
        <Button type="submit" className="secondary">
          Turn off two-factor sign-in
        </Button>
      </Form>
    );
  } else {
    body = (
      <>
        <p>Two-factor sign-in is off: a password alone signs in.</p>
        <Button onPress={() => void start()}>Set up two-factor sign-in</Button>
      </>
    );
  }
  return (
    <section aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading">Two-factor sign-in</h2>
      <Alert>{error}</Alert>
      {body}
    </section>
  );
}
