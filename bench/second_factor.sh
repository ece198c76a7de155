# Sourced by the benchmarks that sign staff in (bench/dossiers.sh, bench/petitions.sh): every
# staff role needs a second factor (issue 12 §10), so a signed-in staff session is only usable
# after it. Needs curl and python3.
#   pass_second_factor URL JAR EMAIL DIR
#       for the session in the curl cookie JAR: enrols TOTP when the account has none yet (the
#       secret is kept in DIR/totp-EMAIL, so a kept database's accounts sign in again on a later
#       run), otherwise sends the current code from that secret. Exits 1 when it cannot.
#   sign_in URL EMAIL JAR DIR
#       signs EMAIL in with $PASSWORD into a fresh cookie JAR, passes the second factor (DIR as
#       above) and prints "cookie-header<TAB>csrf-token" for curl and wrk.

# The RFC 6238 code (SHA-1, 30 s, 6 digits) of base32 secret $1 now.
totp_now() {
  python3 -c 'import base64, hmac, struct, sys, time
k = base64.b32decode(sys.argv[1]); h = hmac.new(k, struct.pack(">Q", int(time.time()) // 30), "sha1").digest()
o = h[-1] & 15; print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))' "$1"
}

sign_in() {
  local url=$1 email=$2 jar=$3 dir=$4 page token
  rm -f "$jar"
  page=$(curl -s -c "$jar" "$url/login")
  token=$(printf '%s' "$page" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -b "$jar" -c "$jar" -o /dev/null -H "Origin: $url" --data-urlencode "_csrf=$token" \
    --data-urlencode "email=$email" --data-urlencode "password=$PASSWORD" "$url/login"
  mkdir -p "$dir"
  pass_second_factor "$url" "$jar" "$email" "$dir"
  page=$(curl -s -b "$jar" -c "$jar" "$url/account")
  token=$(printf '%s' "$page" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  printf '%s\t%s\n' "$(awk '{sub(/^#HttpOnly_/, "")} !/^#/ && NF>=7 {printf "%s%s=%s", (n++ ? "; " : ""), $6, $7}' "$jar")" "$token"
}

pass_second_factor() {
  local url=$1 jar=$2 email=$3 dir=$4 page where token secret code
  page=$(curl -s -L -b "$jar" -c "$jar" -w '\n%{url_effective}' "$url/account/2fa")
  where=${page##*$'\n'}
  token=$(printf '%s' "$page" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  case $where in
    */account/2fa/setup)
      secret=$(printf '%s' "$page" | sed -n 's/.*id="totp-secret">\([A-Z2-7=]*\)<.*/\1/p' | head -1)
      [[ -n $secret ]] || { echo "pass_second_factor: no TOTP secret on the enrolment page for $email" >&2; exit 1; }
      printf '%s\n' "$secret" > "$dir/totp-$email"
      code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" -H "Origin: $url" --data-urlencode "_csrf=$token" \
        --data-urlencode "code=$(totp_now "$secret")" "$url/account/2fa/setup")
      [[ $code == 200 ]] || { echo "pass_second_factor: enrolment of $email answered $code" >&2; exit 1; } ;;
    */account/2fa)
      [[ -f $dir/totp-$email ]] || { echo "pass_second_factor: $email is enrolled but $dir/totp-$email is missing" >&2; exit 1; }
      code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" -H "Origin: $url" --data-urlencode "_csrf=$token" \
        --data-urlencode "code=$(totp_now "$(cat "$dir/totp-$email")")" "$url/account/2fa")
      [[ $code == 303 ]] || { echo "pass_second_factor: the code of $email answered $code" >&2; exit 1; } ;;
  esac
}
