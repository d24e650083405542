import { EntityManager } from '@mikro-orm/postgresql';
import { notificationsOn } from '../domain/run-failure.policy';

// enable_email_notifications as auth's own settings table holds it now (auth owns the settings,
// so it reads them in the transaction that decides, rather than from its follower of the topic).
export async function emailNotificationsOn(em: EntityManager, environment: string): Promise<boolean> {
  const rows = await em.execute<{ environment: string; setting_value: string | null }[]>(
    `SELECT environment, setting_value FROM system_settings WHERE setting_key = 'enable_email_notifications' AND environment IN (?, 'all')`,
    [environment],
  );
  return notificationsOn(
    rows.map((r) => ({ environment: r.environment, value: r.setting_value })),
    environment,
  );
}
