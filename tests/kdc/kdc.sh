#!/usr/bin/env bash
# A throwaway MIT Kerberos realm, TEST.LOCAL, with its KDC on a free loopback
# port, for the integration tests and the demo. Everything lives in DIR
# (inside the build tree); nothing outside it is written, no system service
# is touched.
#
# Usage: kdc.sh setup DIR   create the realm: krb5.conf, kdc.conf, the
#                           database, principals alice (+requires_preauth,
#                           password in DIR/alice.password) and
#                           host/localhost, and DIR/service.keytab
#        kdc.sh start DIR   start krb5kdc (its pid in DIR/kdc.pid, its log in
#                           DIR/kdc.log) and wait until it serves
#        kdc.sh stop DIR    stop the KDC by its pid (a no-op when not running)
#        kdc.sh up DIR      setup (when not done) and start: what a test
#                           fixture or the demo calls
#        kdc.sh env DIR     print the environment a program needs to use the
#                           realm (KRB5_CONFIG, KRB5_KTNAME), one VAR=VALUE a line
#        kdc.sh count DIR PRINCIPAL
#                           print how many logins of PRINCIPAL reached the KDC:
#                           AS_REQ lines other than NEEDED_PREAUTH
set -euo pipefail

realm=TEST.LOCAL
alice_pw=Alice-Pw-1
cmd=${1:?usage: kdc.sh setup|start|stop|up|env|count DIR}
dir=${2:?usage: kdc.sh $cmd DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

export KRB5_CONFIG=$dir/krb5.conf KRB5_KDC_PROFILE=$dir/kdc.conf

find_tool() {
  local t
  for t in "$(command -v "$1" 2>/dev/null || true)" "/usr/sbin/$1" "/usr/bin/$1"; do
    if [[ -n $t && -x $t ]]; then echo "$t"; return 0; fi
  done
  echo "kdc.sh: $1 not found: run toolchain/setup.sh (krb5-kdc krb5-admin-server krb5-user)" >&2
  exit 1
}

# A TCP port on 127.0.0.1 that nothing answers on.
free_port() {
  local p i
  for i in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"; return 0
    fi
  done
  echo "kdc.sh: no free port found" >&2
  exit 1
}

write_conf() {
  local port=$1
  cat >"$dir/krb5.conf" <<EOF
[libdefaults]
    default_realm = $realm
    dns_lookup_kdc = false
    dns_lookup_realm = false
    rdns = false
    udp_preference_limit = 1
    ticket_lifetime = 1h
    forwardable = false

[realms]
    $realm = {
        kdc = 127.0.0.1:$port
        admin_server = 127.0.0.1:$port
    }

[domain_realm]
    localhost = $realm
    .test.local = $realm
EOF
  cat >"$dir/kdc.conf" <<EOF
[kdcdefaults]
    kdc_ports = $port
    kdc_tcp_ports = $port

[realms]
    $realm = {
        database_name = $dir/principal
        key_stash_file = $dir/stash
        acl_file = $dir/kadm5.acl
        max_life = 1h
    }

[logging]
    kdc = FILE:$dir/kdc.log
EOF
  echo "$port" >"$dir/port"
}

setup() {
  stop
  rm -rf "${dir:?}"/principal* "$dir/stash" "$dir/service.keytab" "$dir/kdc.log" "$dir"/cc-*
  write_conf "$(free_port)"
  : >"$dir/kadm5.acl"
  "$(find_tool kdb5_util)" create -s -r "$realm" -P "master-$RANDOM$RANDOM" >"$dir/setup.log" 2>&1
  local kadmin
  kadmin=$(find_tool kadmin.local)
  "$kadmin" -r "$realm" -q "addprinc -pw $alice_pw +requires_preauth alice@$realm" >>"$dir/setup.log" 2>&1
  "$kadmin" -r "$realm" -q "addprinc -randkey host/localhost@$realm" >>"$dir/setup.log" 2>&1
  "$kadmin" -r "$realm" -q "ktadd -k $dir/service.keytab host/localhost@$realm" >>"$dir/setup.log" 2>&1
  echo "$alice_pw" >"$dir/alice.password"
  echo "kdc: realm $realm ready in $dir"
}

running() {
  [[ -f $dir/kdc.pid ]] && kill -0 "$(cat "$dir/kdc.pid")" 2>/dev/null
}

start() {
  if running; then return 0; fi
  [[ -f $dir/port ]] || { echo "kdc.sh: run 'kdc.sh setup $dir' first" >&2; exit 1; }
  local port
  port=$(cat "$dir/port")
  # The port was free at setup; if something took it since, move.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    port=$(free_port)
    write_conf "$port"
  fi
  local lines=0
  [[ -f $dir/kdc.log ]] && lines=$(wc -l <"$dir/kdc.log")
  # Detached from the caller's descriptors, so CTest does not wait for it.
  setsid "$(find_tool krb5kdc)" -n -r "$realm" </dev/null >"$dir/kdc.out" 2>&1 &
  echo $! >"$dir/kdc.pid"
  local i
  for i in $(seq 1 100); do
    if tail -n +"$((lines + 1))" "$dir/kdc.log" 2>/dev/null | grep -q 'commencing operation'; then
      echo "kdc: serving $realm on 127.0.0.1:$port (pid $(cat "$dir/kdc.pid"))"
      return 0
    fi
    if ! running; then break; fi
    sleep 0.05
  done
  echo "kdc.sh: the KDC did not start; its output:" >&2
  cat "$dir/kdc.out" >&2 || true
  tail -n 20 "$dir/kdc.log" >&2 || true
  stop
  exit 1
}

stop() {
  if [[ -f $dir/kdc.pid ]]; then
    local pid
    pid=$(cat "$dir/kdc.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      local i
      for i in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
      done
      kill -9 "$pid" 2>/dev/null || true
      echo "kdc: stopped (pid $pid)"
    fi
    rm -f "$dir/kdc.pid"
  fi
}

case $cmd in
  setup) setup ;;
  start) start ;;
  stop) stop ;;
  up)
    if [[ ! -f $dir/service.keytab || ! -f $dir/port ]]; then setup; fi
    start
    ;;
  env)
    echo "KRB5_CONFIG=$dir/krb5.conf"
    echo "KRB5_KTNAME=FILE:$dir/service.keytab"
    ;;
  count)
    principal=${3:?usage: kdc.sh count DIR PRINCIPAL}
    { grep -F "AS_REQ" "$dir/kdc.log" 2>/dev/null || true; } \
      | grep -F " $principal " | grep -vc 'NEEDED_PREAUTH' || true
    ;;
  *) echo "kdc.sh: unknown command '$cmd'" >&2; exit 2 ;;
esac
