// The default of the session_retention_days setting, until an admin changes it. A session is
// kept while usable and for that many days after it ended (expired, idled out or was revoked),
// so "who was signed in from where" stays answerable for a while; a reset or verification token
// likewise after it expired or was used (infrastructure/expired-sessions.store.ts says it in SQL).
export const DEFAULT_SESSION_RETENTION_DAYS = 30;
