import { useEffect, useSyncExternalStore } from 'react';
import { api } from '../api/client';

// The public setting app_name, shown as the console's brand: a visible effect of the settings
// page (which calls reloadAppName after a change).
const FALLBACK = 'Mind Hillmetric';
let name = FALLBACK;
const listeners = new Set<() => void>();

export async function reloadAppName(): Promise<void> {
  const { data } = await api.GET('/api/v1/settings/public');
  const value = data?.items.find((s) => s.key === 'app_name')?.value;
  name = typeof value === 'string' && value.trim() ? value : FALLBACK;
  listeners.forEach((l) => l());
}

export function AppName() {
  const value = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    () => name,
  );
  useEffect(() => void reloadAppName(), []);
  return <>{value}</>;
}
