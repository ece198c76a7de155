#!/usr/bin/env bash
# Creates tinhso's PostgreSQL roles and database with least privilege (create.sql), then gives the
# application role its rights (grants.sql). Issue 15 §1; docs/OPERATIONS.md "The database".
# Run as a PostgreSQL superuser; psql connects the usual way (local socket, PGHOST, PGPORT, PGUSER):
#
#   sudo -u postgres /opt/tinhso/deploy/postgresql/setup.sh
#
# Environment (all optional):
#   TINHSO_PG_OWNER / TINHSO_PG_APP / TINHSO_PG_DB   role and database names
#                                                    (tinhso_owner, tinhso_app, tinhso)
#   TINHSO_PG_HOST / TINHSO_PG_PORT                  host and port the nodes will use, for the printed
#                                                    URLs (127.0.0.1, PGPORT or 5432)
#   TINHSO_OWNER_PASSWORD / TINHSO_APP_PASSWORD      passwords to set; a role made now without one
#                                                    gets a random one; an existing role keeps its own
# Prints the two database URLs (with the passwords it set) on stdout: TINHSO_DB= (the nodes', for
# /etc/tinhso/tinhso.env) and TINHSO_MIGRATE_DB= (the owner's, for /etc/tinhso/migrate.env, which
# only root reads). Re-running it is harmless.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
owner=${TINHSO_PG_OWNER:-tinhso_owner}
app=${TINHSO_PG_APP:-tinhso_app}
db=${TINHSO_PG_DB:-tinhso}
host=${TINHSO_PG_HOST:-127.0.0.1}
port=${TINHSO_PG_PORT:-${PGPORT:-5432}}
for name in "$owner" "$app" "$db"; do
  [[ $name =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "setup.sh: '$name': use lower-case letters, digits and _" >&2; exit 2; }
done

psql_su() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
role_exists() { [[ $(psql_su -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$1'") == 1 ]]; }
# 24 random bytes, URL-safe: the password goes into a postgresql:// URL unescaped.
new_password() { head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }

owner_pw=${TINHSO_OWNER_PASSWORD:-}
app_pw=${TINHSO_APP_PASSWORD:-}
[[ -z $owner_pw ]] && ! role_exists "$owner" && owner_pw=$(new_password)
[[ -z $app_pw ]] && ! role_exists "$app" && app_pw=$(new_password)

psql_su -d postgres -v owner="$owner" -v app="$app" -v db="$db" \
  -v owner_password="$owner_pw" -v app_password="$app_pw" -f "$here/create.sql"
psql_su -d "$db" -v owner="$owner" -v app="$app" -f "$here/grants.sql"

url() { # role password
  local cred=$1; [[ -n $2 ]] && cred+=":$2"
  echo "postgresql://$cred@$host:$port/$db"
}
echo "TINHSO_DB=$(url "$app" "$app_pw")"
echo "TINHSO_MIGRATE_DB=$(url "$owner" "$owner_pw")"
[[ -n $owner_pw && -n $app_pw ]] || echo "setup.sh: an existing role kept its password (not shown above)" >&2
