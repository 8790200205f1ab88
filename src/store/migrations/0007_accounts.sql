-- Accounts, sessions and login attempts (issues 6 and 7). Platform tables, not domain entities:
-- they live in the database so that several `kcluster serve` instances on one PostgreSQL
-- database share them. Passwords only as Argon2id hashes, session tokens only as SHA-256 hashes;
-- times in Unix seconds.
CREATE TABLE "app_user" (
    "id" INTEGER PRIMARY KEY,
    "login" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "person_id" INTEGER REFERENCES "person"("id"),
    "disabled" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE UNIQUE INDEX "app_user_login_idx" ON "app_user"("login");

CREATE TABLE "user_session" (
    "id" INTEGER PRIMARY KEY,
    "token_hash" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL REFERENCES "app_user"("id"),
    "csrf_token" TEXT NOT NULL,
    "created" INTEGER NOT NULL,
    "last_seen" INTEGER NOT NULL,
    "expires" INTEGER NOT NULL,
    "absolute_expiry" INTEGER NOT NULL,
    "client" TEXT
);
CREATE UNIQUE INDEX "user_session_token_idx" ON "user_session"("token_hash");
CREATE INDEX "user_session_user_id_idx" ON "user_session"("user_id");

CREATE TABLE "login_attempt" (
    "id" INTEGER PRIMARY KEY,
    "login" TEXT NOT NULL,
    "client" TEXT NOT NULL,
    "at" INTEGER NOT NULL,
    "succeeded" INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX "login_attempt_login_idx" ON "login_attempt"("login", "at");
CREATE INDEX "login_attempt_client_idx" ON "login_attempt"("client", "at");
