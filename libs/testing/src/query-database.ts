import { Client } from 'pg';

// One statement on its own connection: for tests that look into a service's database from the
// outside (or change it behind the service's back).
export async function queryDatabase<R = any>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as R[];
  } finally {
    await client.end();
  }
}
