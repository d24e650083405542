// Which ends of a workflow run tell its owner by e-mail: a run that failed or timed out, while
// the setting enable_email_notifications is on. A success or a cancellation (someone chose it)
// tells nobody.
export type RunEndStatus = 'Success' | 'Failed' | 'Cancelled' | 'Timeout';

export function notifiesOwner(status: RunEndStatus, notificationsOn: boolean): status is 'Failed' | 'Timeout' {
  return notificationsOn && mayNotify(status);
}

// Whether a run that ended so could tell anyone, whatever the setting (no need to read it otherwise).
export function mayNotify(status: RunEndStatus): status is 'Failed' | 'Timeout' {
  return status === 'Failed' || status === 'Timeout';
}

// The setting's stored text: an environment's own value wins over 'all'; a setting not seeded
// yet reads as its default (on).
export function notificationsOn(values: { environment: string; value: string | null }[], environment: string): boolean {
  const own = values.find((v) => v.environment === environment) ?? values.find((v) => v.environment === 'all');
  return own?.value == null ? true : own.value.trim().toLowerCase() === 'true';
}
