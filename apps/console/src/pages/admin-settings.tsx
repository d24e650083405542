import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from '../api/client';
import { reloadAppName } from '../components/app-name';
import { Alert } from '../components/form';
import { type Setting, SettingField } from '../components/setting-field';

// The settings as they apply where the platform runs: the environment's own row for a key, else
// the one for 'all' (the API lists both).
function effective(items: Setting[], environment: string): Setting[] {
  const byKey = new Map<string, Setting>();
  for (const s of items) if (s.environment === environment || (s.environment === 'all' && !byKey.has(s.key))) byKey.set(s.key, s);
  return [...byKey.values()];
}

// The platform's settings (admins), by category, each with an input for its type. After a
// change the page reads them again, so what it shows is what the platform now has; the brand in
// the header is the public app_name.
export default function SettingsPage() {
  const [settings, setSettings] = useState<Setting[] | null>(null);
  const [environment, setEnvironment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(async () => {
    const { data, error: failed } = await api.GET('/api/v1/settings');
    if (failed || !data) return setError(errorText(failed));
    setEnvironment(data.environment);
    setSettings(effective(data.items, data.environment));
  }, []);
  useEffect(() => void load(), [load]);

  const onSaved = async (key: string) => {
    await load();
    await reloadAppName();
    setSaved(key);
  };

  const categories = [...new Set((settings ?? []).map((s) => s.category))].sort();
  const savedName = settings?.find((s) => s.key === saved);
  return (
    <>
      <hgroup>
        <h1>Settings</h1>
        <p>{environment && `As they apply in the ${environment} environment.`}</p>
      </hgroup>
      <Alert>{error}</Alert>
      <p role="status">{savedName && `${savedName.name} is now ${JSON.stringify(savedName.value)}.`}</p>
      {settings === null
        ? !error && <p aria-busy="true">Loading settings…</p>
        : categories.map((category) => (
            <section key={category} aria-labelledby={`category-${category}`}>
              <h2 id={`category-${category}`} className="capitalized">
                {category}
              </h2>
              {settings
                .filter((s) => s.category === category)
                .map((s) => (
                  <SettingField key={`${s.key}@${s.environment}`} setting={s} onSaved={(key) => void onSaved(key)} />
                ))}
            </section>
          ))}
    </>
  );
}
