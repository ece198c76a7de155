#!/usr/bin/env bash
# Upgrades tinhso's schema as the owner role, then re-applies the application role's rights
# (grants.sql), which must follow every migration. Issue 15 §1; docs/OPERATIONS.md "Upgrade".
#
#   /opt/tinhso/deploy/postgresql/migrate.sh [ENV_FILE [MIGRATE_ENV_FILE]]
#
# ENV_FILE (default /etc/tinhso/tinhso.env) gives the nodes' settings (key files, TINHSO_DB: the
# app role's URL, whose user name is the role granted to); MIGRATE_ENV_FILE (default
# /etc/tinhso/migrate.env, readable by root only) gives TINHSO_MIGRATE_DB, the owner's URL.
# TINHSO_BIN: the binary (default /opt/tinhso/bin/tinhso). Exit status: migrate's or psql's.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
env_file=${1:-/etc/tinhso/tinhso.env}
migrate_env=${2:-/etc/tinhso/migrate.env}
bin=${TINHSO_BIN:-/opt/tinhso/bin/tinhso}
set -a
# shellcheck source=/dev/null
. "$env_file"
# shellcheck source=/dev/null
. "$migrate_env"
set +a
die() { echo "migrate.sh: $*" >&2; exit 2; }
[[ ${TINHSO_MIGRATE_DB:-} == postgres*://* ]] || die "TINHSO_MIGRATE_DB (the owner's postgresql:// URL) is not set in $migrate_env"
[[ ${TINHSO_DB:-} == postgres*://* ]] || die "TINHSO_DB (the nodes' postgresql:// URL) is not set in $env_file"
# The user name of a postgresql://USER[:PASSWORD]@HOST… URL.
role_of() { sed -E 's#^postgres(ql)?://([^:@/]+)[:@].*#\2#' <<<"$1"; }
owner=$(role_of "$TINHSO_MIGRATE_DB")
app=$(role_of "$TINHSO_DB")
[[ $owner =~ ^[a-z_][a-z0-9_]*$ && $app =~ ^[a-z_][a-z0-9_]*$ && $owner != "$app" ]] ||
  die "cannot tell the owner and app roles from the two URLs ('$owner', '$app')"

TINHSO_DB=$TINHSO_MIGRATE_DB "$bin" migrate
psql -X -q -v ON_ERROR_STOP=1 -v owner="$owner" -v app="$app" -f "$here/grants.sql" "$TINHSO_MIGRATE_DB"
echo "migrate.sh: schema current; rights of $app re-applied" >&2
