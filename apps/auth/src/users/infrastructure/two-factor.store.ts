import { EntityManager } from '@mikro-orm/postgresql';
import { TwoFactorState } from '../domain/user.state';

// The 2FA columns the entity does not map (text[] and bigint), read with SQL.
export async function twoFactorStateOf(em: EntityManager, userUuid: string): Promise<TwoFactorState | null> {
  const [row] = await em.execute<
    { two_factor_enabled: boolean; two_factor_secret: string | null; backup_codes: string[] | null; two_factor_last_step: string | null }[]
  >('SELECT two_factor_enabled, two_factor_secret, backup_codes, two_factor_last_step FROM users WHERE uuid = ?', [userUuid]);
  if (!row) return null;
  return {
    enabled: row.two_factor_enabled,
    sealedSecret: row.two_factor_secret,
    backupCodeHashes: row.backup_codes ?? [],
    lastUsedStep: row.two_factor_last_step === null ? null : Number(row.two_factor_last_step),
  };
}
