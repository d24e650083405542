import { Migration } from '@mikro-orm/migrations';

// Access-token signing keys (Ed25519). One active and at most one next key at a time; a key
// that stops signing keeps its public half (for the JWKS) and loses its sealed private half.
export class Migration20261126120000SigningKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE signing_keys (
      kid VARCHAR(64) PRIMARY KEY,
      alg VARCHAR(10) NOT NULL CHECK (alg = 'EdDSA'),
      public_jwk JSONB NOT NULL,
      sealed_private_key TEXT,
      state VARCHAR(10) NOT NULL CHECK (state IN ('next', 'active', 'previous')),
      created_at TIMESTAMPTZ NOT NULL,
      activated_at TIMESTAMPTZ,
      deactivated_at TIMESTAMPTZ,
      CHECK (state = 'previous' OR sealed_private_key IS NOT NULL)
    )`);
    this.addSql(`CREATE UNIQUE INDEX ux_signing_keys_one_active ON signing_keys (state) WHERE state = 'active'`);
    this.addSql(`CREATE UNIQUE INDEX ux_signing_keys_one_next ON signing_keys (state) WHERE state = 'next'`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TABLE signing_keys`);
  }
}
