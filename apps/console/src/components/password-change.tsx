import { useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { api, errorText, type ApiError } from '../api/client';
import { Alert, Field } from './form';

// Which field a coded refusal belongs to, so it is shown there.
const FIELD_OF: Record<string, 'current' | 'next'> = {
  'AUTH.INVALID_CURRENT_PASSWORD': 'current',
  'AUTH.WEAK_PASSWORD': 'next',
  'AUTH.PASSWORD_UNCHANGED': 'next',
};

// A new password; the API signs out every other session of the account and keeps this one.
export function PasswordChange() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ current?: string; next?: string; repeat?: string; form?: string }>({});
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (next !== repeat) return setErrors({ repeat: 'The two new passwords differ' });
    const { data, error: failed } = await api.POST('/api/v1/auth/password/change', {
      body: { currentPassword: current, newPassword: next },
    });
    if (failed || !data) {
      const field = FIELD_OF[(failed as ApiError | undefined)?.error?.code ?? ''];
      return setErrors(field ? { [field]: errorText(failed) } : { form: errorText(failed) });
    }
    setErrors({});
    setCurrent('');
    setNext('');
    setRepeat('');
    const others = data.otherSessionsRevoked;
    setDone(`Password changed; ${others} other session${others === 1 ? '' : 's'} signed out.`);
  };

  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <Form onSubmit={(e) => void submit(e)}>
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          value={current}
          onChange={setCurrent}
          isRequired
          autoComplete="current-password"
          errorMessage={errors.current}
        />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          value={next}
          onChange={setNext}
          isRequired
          autoComplete="new-password"
          errorMessage={errors.next}
        />
        <Field
          label="New password again"
          name="repeatPassword"
          type="password"
          value={repeat}
          onChange={setRepeat}
          isRequired
          autoComplete="new-password"
          errorMessage={errors.repeat}
        />
        <Alert>{errors.form}</Alert>
        {done && <p role="status">{done}</p>}
        <Button type="submit">Change password</Button>
      </Form>
    </section>
  );
}
