// The environments a setting can be given for; 'all' is the fallback for every environment.
export const SETTING_ENVIRONMENTS = ['all', 'development', 'test', 'staging', 'production'] as const;
export type SettingEnvironment = (typeof SETTING_ENVIRONMENTS)[number];

// The settings as they apply in one environment: its own row for a key, else the 'all' one.
export function effectiveSettings<T extends { key: string; environment: string }>(rows: readonly T[], environment: string): T[] {
  const effective = new Map<string, T>();
  for (const row of rows) {
    if (row.environment === environment || (row.environment === 'all' && !effective.has(row.key))) effective.set(row.key, row);
  }
  return [...effective.values()];
}
