import { useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { api, errorText } from '../api/client';
import { fieldErrorsOf } from '../api/field-errors';
import { type AnswerOf } from '../api/answers';
import { session } from '../api/session';
import { Alert, Field } from './form';

export type Profile = AnswerOf<'/api/v1/auth/me', 'get'>;

// The signed-in user's own profile: name, time zone, language (PATCH /auth/me).
export function ProfileForm({ profile, onSaved }: { profile: Profile; onSaved: (p: Profile) => void }) {
  const [displayName, setDisplayName] = useState(profile.displayName);
  const [firstName, setFirstName] = useState(profile.firstName ?? '');
  const [lastName, setLastName] = useState(profile.lastName ?? '');
  const [timezone, setTimezone] = useState(profile.timezone);
  const [language, setLanguage] = useState(profile.language);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const { data, error: failed } = await api.PATCH('/api/v1/auth/me', {
      body: { displayName, firstName: firstName.trim() || null, lastName: lastName.trim() || null, timezone, language },
    });
    setFieldErrors(fieldErrorsOf(failed, 'field'));
    if (failed || !data) return setError(errorText(failed));
    setError(null);
    setSaved(true);
    onSaved(data);
    const current = session.current();
    if (current) session.start({ ...current, user: { ...current.user, displayName: data.displayName } });
  };

  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <p>
        {profile.email} · {profile.role} · {profile.isEmailVerified ? 'e-mail verified' : 'e-mail not verified'}
      </p>
      <Form onSubmit={(e) => void submit(e)}>
        <Field
          label="Display name"
          name="displayName"
          value={displayName}
          onChange={setDisplayName}
          isRequired
          errorMessage={fieldErrors.displayName}
        />
        <div className="grid">
          <Field label="First name" name="firstName" value={firstName} onChange={setFirstName} errorMessage={fieldErrors.firstName} />
          <Field label="Last name" name="lastName" value={lastName} onChange={setLastName} errorMessage={fieldErrors.lastName} />
        </div>
        <div className="grid">
          <Field label="Time zone" name="timezone" value={timezone} onChange={setTimezone} errorMessage={fieldErrors.timezone} />
          <Field label="Language" name="language" value={language} onChange={setLanguage} errorMessage={fieldErrors.language} />
        </div>
        <Alert>{error}</Alert>
        {saved && <p role="status">Profile saved.</p>}
        <Button type="submit">Save profile</Button>
      </Form>
    </section>
  );
}
