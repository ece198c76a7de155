# Sourced by the scripts that run the shipped nginx site on loopback (tests/deploy/check,
# tests/cluster/lib.sh, tests/cluster/operations.sh).
#   nginx_main_conf DIR SITE ACCESS_LOG
#       writes DIR/nginx.conf: an unprivileged nginx (pid, logs and temp directories under DIR)
#       whose http block includes the site file SITE; ACCESS_LOG is a path or "off".
nginx_main_conf() {
  local dir=$1 site=$2 access=$3
  mkdir -p "$dir/nginx"
  cat >"$dir/nginx.conf" <<CONF
daemon on;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 512; }
http {
  access_log $access;
  client_body_temp_path $dir/nginx/body;
  proxy_temp_path $dir/nginx/proxy;
  fastcgi_temp_path $dir/nginx/fastcgi;
  uwsgi_temp_path $dir/nginx/uwsgi;
  scgi_temp_path $dir/nginx/scgi;
  include $site;
}
CONF
}
