import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in: users, server-side browser sessions, hashed API tokens, and the append-only audit
 * trail. The audit table refuses UPDATE, DELETE and TRUNCATE in a trigger, so the rule holds
 * even where the application connects as the table's owner (the embedded default); a site that
 * runs the app as its own role also revokes those privileges (README, "Audit trail").
 */
export class Auth1795800300000 implements MigrationInterface {
  name = 'Auth1795800300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "role" text NOT NULL,
        "departments" text[],
        "password_hash" text,
        "disabled" boolean NOT NULL DEFAULT false,
        "failed_attempts" integer NOT NULL DEFAULT 0,
        "locked_until" timestamptz,
        "last_sign_in_at" timestamptz,
        "oidc_issuer" text,
        "oidc_subject" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "users_email_lower" CHECK ("email" = lower("email")),
        CONSTRAINT "users_role" CHECK ("role" IN ('ADMIN', 'QUALITY_MANAGER', 'COMMITTEE', 'AUDITOR'))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email" ON "users" ("email")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "users_oidc_subject" ON "users" ("oidc_issuer", "oidc_subject")
       WHERE "oidc_subject" IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "sessions" (
        "id" text PRIMARY KEY,
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "csrf_token" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_seen_at" timestamptz NOT NULL DEFAULT now(),
        "revoked_at" timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX "sessions_user_active" ON "sessions" ("user_id") WHERE "revoked_at" IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "api_tokens" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "name" text NOT NULL,
        "token_hash" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "revoked_at" timestamptz,
        "last_used_at" timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "api_tokens_hash" ON "api_tokens" ("token_hash")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "api_tokens_user_name_active" ON "api_tokens" ("user_id", "name")
       WHERE "revoked_at" IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "audit_events" (
        "id" bigserial PRIMARY KEY,
        "occurred_at" timestamptz NOT NULL DEFAULT now(),
        "actor" text NOT NULL,
        "actor_kind" text NOT NULL,
        "action" text NOT NULL,
        "object_type" text,
        "object_id" text,
        "details" jsonb,
        CONSTRAINT "audit_events_actor_kind"
          CHECK ("actor_kind" IN ('user', 'token', 'cli', 'anonymous', 'system'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "audit_events_occurred" ON "audit_events" ("occurred_at" DESC, "id" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_object" ON "audit_events" ("object_type", "object_id")`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    // Statement-level, so an UPDATE or DELETE that matches no row is refused too, and
    // TRUNCATE (which fires no row triggers) is covered.
    await queryRunner.query(`
      CREATE TRIGGER "audit_events_append_only"
        BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_events"
        FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"()`);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM PUBLIC`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_events_append_only" ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION "audit_events_append_only"()`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP TABLE "api_tokens"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}
