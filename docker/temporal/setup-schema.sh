#!/bin/sh
# One-shot step before any Temporal service starts: creates the `temporal` and `temporal_visibility`
# databases when missing and brings both schemas to the version this server release needs. Safe to run
# on every start: an existing database is kept, and update-schema applies only the versions not yet applied.
#
# Run by the `temporal-schema` job of docker/compose.yaml (temporalio/admin-tools image) and by
# `npm start -- --cluster` (libs/dev/temporal-cluster.ts), with the same variables the server reads:
#   POSTGRES_SEEDS, DB_PORT, POSTGRES_USER, POSTGRES_PWD   where PostgreSQL is, and who creates the databases
#   DBNAME, VISIBILITY_DBNAME                               database names (temporal, temporal_visibility)
#   TEMPORAL_SCHEMA_DIR                                     schema/ of the server release (admin-tools: /etc/temporal/schema)
#   TEMPORAL_SQL_TOOL                                       the temporal-sql-tool binary (default: on PATH)
set -eu

: "${POSTGRES_SEEDS:?set POSTGRES_SEEDS to the PostgreSQL host}"
: "${POSTGRES_USER:?set POSTGRES_USER}"
tool="${TEMPORAL_SQL_TOOL:-temporal-sql-tool}"
schemas="${TEMPORAL_SCHEMA_DIR:-/etc/temporal/schema}/postgresql/v12"

# temporal-sql-tool reads its connection from these.
SQL_PLUGIN="${DB:-postgres12}"
SQL_HOST="$POSTGRES_SEEDS"
SQL_PORT="${DB_PORT:-5432}"
SQL_USER="$POSTGRES_USER"
SQL_PASSWORD="${POSTGRES_PWD:-}"
export SQL_PLUGIN SQL_HOST SQL_PORT SQL_USER SQL_PASSWORD

fail() {
  echo "setup-schema: $1" >&2
  exit 1
}

[ -d "$schemas/temporal/versioned" ] || fail "no schemas in $schemas: set TEMPORAL_SCHEMA_DIR to the server release's schema/ folder"

prepare() {
  db="$1"
  dir="$2"
  if ! out=$("$tool" --db "$db" create-database 2>&1); then
    case "$out" in
      *"already exists"*) ;;
      *) echo "$out" >&2; fail "could not create database $db on $SQL_HOST:$SQL_PORT as $SQL_USER (that user needs CREATEDB)" ;;
    esac
  fi
  # A database without the version tables (new, or left by a crash right after create-database) is
  # given them at version 0.0 first; setup-schema on a versioned database would reset its version.
  if ! out=$("$tool" --db "$db" update-schema --schema-dir "$dir" 2>&1); then
    case "$out" in
      *schema_version*)
        "$tool" --db "$db" setup-schema --version 0.0 >/dev/null 2>&1 || fail "could not create the version tables of $db"
        out=$("$tool" --db "$db" update-schema --schema-dir "$dir" 2>&1) || { echo "$out" >&2; fail "could not update the schema of $db"; }
        ;;
      *) echo "$out" >&2; fail "could not update the schema of $db" ;;
    esac
  fi
  echo "setup-schema: $db is at the schema of $dir"
}

prepare "${DBNAME:-temporal}" "$schemas/temporal/versioned"
prepare "${VISIBILITY_DBNAME:-temporal_visibility}" "$schemas/visibility/versioned"
