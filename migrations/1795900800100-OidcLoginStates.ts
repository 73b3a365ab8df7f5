import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The OIDC login step's state, nonce and PKCE verifier until its callback, in PostgreSQL
 * instead of one process's memory: a callback that reaches another backend instance, or the
 * same one after a restart, still finds them. Keyed by the SHA-256 of the browser cookie's
 * value; short-lived (expires_at) and single use (the callback deletes the row it reads).
 */
export class OidcLoginStates1795900800100 implements MigrationInterface {
  name = 'OidcLoginStates1795900800100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "oidc_login_states" (
        "id" text PRIMARY KEY,
        "state" text NOT NULL,
        "nonce" text NOT NULL,
        "code_verifier" text NOT NULL,
        "return_to" text NOT NULL,
        "expires_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_oidc_login_states_expires_at" ON "oidc_login_states" ("expires_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "oidc_login_states"`);
  }
}
