import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from '../api/client';
import { Alert } from '../components/form';
import { PasswordChange } from '../components/password-change';
import { type Profile, ProfileForm } from '../components/profile-form';
import { SessionList } from '../components/session-list';
import { TwoFactor } from '../components/two-factor';

// The signed-in user's own account: profile, password, two-factor sign-in, sessions.
export default function AccountPage() {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const { data, error: failed } = await api.GET('/api/v1/auth/me');
    if (failed || !data) setError(errorText(failed));
    else setProfile(data);
  }, []);
  useEffect(() => void load(), [load]);

  return (
    <>
      <h1>Account</h1>
      <Alert>{error}</Alert>
      {profile === null ? (
        !error && <p aria-busy="true">Loading your account…</p>
      ) : (
        <>
          <ProfileForm profile={profile} onSaved={setProfile} />
          <PasswordChange />
          <TwoFactor enabled={profile.twoFactorEnabled} onChange={() => void load()} />
          <SessionList />
        </>
      )}
    </>
  );
}
