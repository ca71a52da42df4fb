#!/usr/bin/env bash
# A real, throw-away Kubernetes control plane (etcd + kube-apiserver, no kubelet, no controllers) for
# Gatemap's integration and end-to-end tests. See e2e/cluster/README.md.
#
#   cluster.sh build                 build kube-apiserver and etcd once (cached), print the bin folder
#   cluster.sh crds [CHANNEL]        print the folder of Gateway API CRDs (standard|experimental)
#   cluster.sh start [options]       start a cluster, print where everything is, run until Ctrl-C/SIGTERM
#       --channel standard|experimental|none   Gateway API CRDs to install (default: standard,
#                                              or $GATEMAP_GATEWAY_CHANNEL)
#       --state-file PATH   also write the JSON state (see README) there; removed again on exit
#       --dir DIR           working folder (default: a new temporary folder, removed on exit; a
#                           folder given here is kept, and its etcd data is used again next time)
#       --watch-pid PID     stop when PID exits (default: the parent process; 0 disables)
#       --keep              keep the working folder (logs, etcd data) on exit
#
# While running: SIGUSR1 kills kube-apiserver and starts it again on the same port with the same
# etcd, after waiting the seconds in <dir>/restart-down-seconds if that file exists (the state
# file's "restarts" counter goes up once it is ready again); SIGINT/SIGTERM stop everything. etcd
# and kube-apiserver get SIGKILL if this script dies (PR_SET_PDEATHSIG); it stops by itself when the --watch-pid process is gone. Working folders left behind by a script that was
# SIGKILLed are removed by the next start.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
gateway_api_version="${GATEMAP_GATEWAY_API_VERSION:-v1.6.1}"
log() { printf 'gatemap-cluster: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

find_go() {
  if [ -n "${GATEMAP_GO:-}" ]; then echo "$GATEMAP_GO"; elif command -v go >/dev/null 2>&1; then
    command -v go
  else echo /usr/local/go/bin/go; fi
}

# Folder of the Gateway API CRDs for a channel, from the Go module cache (downloads the module once).
crd_dir() {
  local channel="$1" go_bin info dir
  go_bin="$(find_go)"
  info="$(cd / && GO111MODULE=on GOFLAGS=-mod=mod "$go_bin" mod download -json "sigs.k8s.io/gateway-api@$gateway_api_version")" ||
    die "cannot download sigs.k8s.io/gateway-api@$gateway_api_version: $info"
  dir="$(printf '%s' "$info" | sed -n 's/.*"Dir": *"\([^"]*\)".*/\1/p' | head -1)"
  [ -d "$dir/config/crd/$channel" ] || die "no CRDs for channel '$channel' in $dir/config/crd"
  echo "$dir/config/crd/$channel"
}

find_node() {
  if command -v node >/dev/null 2>&1 && [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 24 ]; then
    command -v node
    return
  fi
  # shellcheck disable=SC1091
  source "$repo/scripts/bootstrap.sh" >&2
  command -v node
}

# True while PID runs (a zombie, i.e. exited but not yet reaped, counts as gone).
alive() {
  local state
  state="$(sed -n 's/^[0-9]* ([^)]*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null)" || return 1
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# A TCP port on 127.0.0.1 that nothing listens on right now (racy by nature; start() retries).
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port found"
}

cmd_start() {
  channel="${GATEMAP_GATEWAY_CHANNEL:-standard}" state_file="" dir="" watch_pid="$PPID" keep=0
  while [ $# -gt 0 ]; do
    case "$1" in
    --channel) channel="$2" && shift 2 ;;
    --state-file) state_file="$2" && shift 2 ;;
    --dir) dir="$2" && keep=1 && shift 2 ;;
    --watch-pid) watch_pid="$2" && shift 2 ;;
    --keep) keep=1 && shift ;;
    *) die "unknown option $1" ;;
    esac
  done
  case "$channel" in standard | experimental | none) ;; *) die "--channel must be standard, experimental or none" ;; esac

  local t0 bin crds="" node_bin
  t0=$(date +%s%N)
  bin="$("$here/build.sh")"
  [ "$channel" = none ] || crds="$(crd_dir "$channel")"
  node_bin="$(find_node)"

  # Remove working folders of clusters whose script is gone (SIGKILL leaves no chance to clean up).
  local old old_pid
  for old in "${TMPDIR:-/tmp}"/gatemap-cluster.*; do
    [ -d "$old" ] || continue
    old_pid="$(sed -n 's/^  "pid": \([0-9]*\),$/\1/p' "$old/state.json" 2>/dev/null || true)"
    if [ -n "$old_pid" ] && ! alive "$old_pid"; then
      rm -rf "$old"
    elif [ -z "$old_pid" ] && [ -n "$(find "$old" -maxdepth 0 -mmin +60)" ]; then
      rm -rf "$old"
    fi
  done
  if [ -z "$dir" ]; then
    dir="$(mktemp -d "${TMPDIR:-/tmp}/gatemap-cluster.XXXXXX")"
  else
    mkdir -p "$dir"
  fi
  dir="$(cd "$dir" && pwd)"

  etcd_pid="" api_pid="" restart_requested=0 restarts=0 stopping=0
  cleanup() {
    local rc=$?
    stopping=1
    trap '' INT TERM USR1
    # kube-apiserver first (SIGTERM, SIGKILL after 5 s), then etcd, so that the API server does not
    # spend its shutdown retrying a vanished etcd.
    for pid in $api_pid $etcd_pid; do
      kill -TERM "$pid" 2>/dev/null || continue
      for _ in $(seq 1 50); do
        alive "$pid" || break
        sleep 0.1
      done
      kill -KILL "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    done
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 130 ] && [ "$rc" -ne 143 ]; then
      for f in etcd apiserver setup; do
        [ -s "$dir/$f.log" ] && log "last lines of $dir/$f.log:" && tail -n 15 "$dir/$f.log" >&2
      done
    fi
    rm -f "$dir/state.json"
    [ -n "$state_file" ] && rm -f "$state_file"
    if [ "$keep" = 1 ]; then log "kept $dir"; else rm -rf "$dir"; fi
    log "stopped (exit $rc)"
  }
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'restart_requested=1' USR1

  # --- certificates, keys, tokens -----------------------------------------------------------------
  local pki="$dir/pki"
  mkdir -p "$pki"
  (
    cd "$pki"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3 -subj "/CN=gatemap-e2e-ca" \
      -keyout ca.key -out ca.crt 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=kube-apiserver" \
      -keyout apiserver.key -out apiserver.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n' >san.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3 -extfile san.ext \
      -out apiserver.crt 2>/dev/null
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out sa.key 2>/dev/null
    openssl pkey -in sa.key -pubout -out sa.pub 2>/dev/null
  ) || die "openssl failed"
  admin_token="$(openssl rand -hex 24)"
  restricted_token="$(openssl rand -hex 24)"
  printf '%s,gatemap-admin,uid-admin,"system:masters"\n%s,gatemap-restricted,uid-restricted\n' \
    "$admin_token" "$restricted_token" >"$pki/tokens.csv"
  chmod 600 "$pki"/*.key "$pki/tokens.csv"

  # --- etcd ----------------------------------------------------------------------------------------
  local etcd_port peer_port api_port
  start_etcd() {
    etcd_port="$(free_port)"
    peer_port="$(free_port)"
    setpriv --pdeathsig KILL "$bin/etcd" --name gatemap --data-dir "$dir/etcd" \
      --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
      --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
      --initial-cluster "gatemap=http://127.0.0.1:$peer_port" --unsafe-no-fsync --log-level warn \
      >>"$dir/etcd.log" 2>&1 &
    etcd_pid=$!
  }
  local ok=0
  for _attempt in 1 2 3; do
    start_etcd
    for _ in $(seq 1 100); do
      alive "$etcd_pid" || break
      if curl -sf --noproxy "*" "http://127.0.0.1:$etcd_port/health" 2>/dev/null | grep -q '"health":"true"'; then
        ok=1
        break
      fi
      sleep 0.1
    done
    [ "$ok" = 1 ] && break
    kill -KILL "$etcd_pid" 2>/dev/null || true
    wait "$etcd_pid" 2>/dev/null || true
    rm -rf "$dir/etcd"
    log "etcd did not come up on port $etcd_port; retrying"
  done
  [ "$ok" = 1 ] || die "etcd did not start (see $dir/etcd.log)"

  # --- kube-apiserver ------------------------------------------------------------------------------
  local server
  start_apiserver() {
    setpriv --pdeathsig KILL "$bin/kube-apiserver" \
      --etcd-servers "http://127.0.0.1:$etcd_port" \
      --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
      --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
      --client-ca-file "$pki/ca.crt" \
      --token-auth-file "$pki/tokens.csv" \
      --authorization-mode RBAC \
      --service-account-issuer https://kubernetes.default.svc \
      --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
      --api-audiences https://kubernetes.default.svc \
      --service-cluster-ip-range 10.96.0.0/16 \
      --allow-privileged=false --profiling=false --enable-priority-and-fairness=false \
      --endpoint-reconciler-type none \
      --v "${GATEMAP_APISERVER_VERBOSITY:-1}" \
      >>"$dir/apiserver.log" 2>&1 &
    api_pid=$!
  }
  # Waits for /readyz; returns 1 if kube-apiserver exits or takes longer than 90 s.
  wait_ready() {
    for _ in $(seq 1 900); do
      alive "$api_pid" || return 1
      if [ "$(curl -s --noproxy "*" --cacert "$pki/ca.crt" -H "Authorization: Bearer $admin_token" "$server/readyz" 2>/dev/null)" = ok ]; then
        return 0
      fi
      sleep 0.1
    done
    return 1
  }
  ok=0
  for _attempt in 1 2 3; do
    api_port="$(free_port)"
    server="https://127.0.0.1:$api_port"
    start_apiserver
    if wait_ready; then
      ok=1
      break
    fi
    kill -KILL "$api_pid" 2>/dev/null || true
    wait "$api_pid" 2>/dev/null || true
    log "kube-apiserver did not become ready on port $api_port; retrying"
  done
  [ "$ok" = 1 ] || die "kube-apiserver did not start (see $dir/apiserver.log)"

  # --- kubeconfigs ---------------------------------------------------------------------------------
  write_kubeconfig() { # file user token
    cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: gatemap-e2e
  cluster:
    server: $server
    certificate-authority: $pki/ca.crt
users:
- name: $2
  user:
    token: $3
contexts:
- name: $2@gatemap-e2e
  context:
    cluster: gatemap-e2e
    user: $2
    namespace: default
current-context: $2@gatemap-e2e
EOF
    chmod 600 "$1"
  }
  write_kubeconfig "$dir/admin.kubeconfig" gatemap-admin "$admin_token"
  write_kubeconfig "$dir/restricted.kubeconfig" gatemap-restricted "$restricted_token"

  # --- CRDs and RBAC (TypeScript, with @kubernetes/client-node) ------------------------------------
  local restricted_ns=gatemap-readable
  "$node_bin" "$here/setup.ts" --kubeconfig "$dir/admin.kubeconfig" --crds "$crds" \
    --restricted-namespace "$restricted_ns" --restricted-user gatemap-restricted >>"$dir/setup.log" 2>&1 ||
    die "installing CRDs and RBAC failed (see $dir/setup.log)"

  write_state() {
    local tmp="$dir/state.json.tmp"
    cat >"$tmp" <<EOF
{
  "ready": true,
  "pid": $$,
  "dir": "$dir",
  "server": "$server",
  "caFile": "$pki/ca.crt",
  "adminKubeconfig": "$dir/admin.kubeconfig",
  "restrictedKubeconfig": "$dir/restricted.kubeconfig",
  "adminUser": "gatemap-admin",
  "restrictedUser": "gatemap-restricted",
  "restrictedNamespace": "$restricted_ns",
  "etcdUrl": "http://127.0.0.1:$etcd_port",
  "etcdPid": $etcd_pid,
  "apiserverPid": $api_pid,
  "restarts": $restarts,
  "kubernetesVersion": "$("$bin/kube-apiserver" --version | awk '{print $2}')",
  "etcdVersion": "$("$bin/etcd" --version | awk '/etcd Version/ {print $3}')",
  "gatewayApiVersion": "$gateway_api_version",
  "gatewayApiChannel": "$channel",
  "logs": { "etcd": "$dir/etcd.log", "apiserver": "$dir/apiserver.log", "setup": "$dir/setup.log" }
}
EOF
    mv "$tmp" "$dir/state.json"
    if [ -n "$state_file" ]; then
      cp "$dir/state.json" "$state_file.tmp.$$"
      mv "$state_file.tmp.$$" "$state_file"
    fi
  }
  write_state

  local elapsed=$((($(date +%s%N) - t0) / 1000000))
  cat <<EOF
gatemap e2e cluster ready after ${elapsed} ms (kube-apiserver $api_pid, etcd $etcd_pid, script $$)
  server:          $server
  admin:           export KUBECONFIG=$dir/admin.kubeconfig
  restricted:      export KUBECONFIG=$dir/restricted.kubeconfig   (get/list/watch httproutes in $restricted_ns)
  state:           $dir/state.json${state_file:+ (and $state_file)}
  gateway api:     $gateway_api_version $channel
  logs:            $dir/etcd.log $dir/apiserver.log
  restart:         kill -USR1 $$        stop: kill $$ (or Ctrl-C)
EOF

  # --- supervise -----------------------------------------------------------------------------------
  while true; do
    sleep 0.5 &
    wait $! 2>/dev/null || true
    if [ "$restart_requested" = 1 ]; then
      restart_requested=0
      log "restarting kube-apiserver (SIGKILL, same port $api_port, same etcd)"
      kill -KILL "$api_pid" 2>/dev/null || true
      wait "$api_pid" 2>/dev/null || true
      # A test may ask for the API server to stay down a while, to see clients notice the outage.
      if [ -f "$dir/restart-down-seconds" ]; then
        sleep "$(cat "$dir/restart-down-seconds")"
        rm -f "$dir/restart-down-seconds"
      fi
      start_apiserver
      wait_ready || die "kube-apiserver did not come back after a restart (see $dir/apiserver.log)"
      restarts=$((restarts + 1))
      write_state
      log "kube-apiserver is ready again (pid $api_pid)"
    fi
    if [ "$watch_pid" != 0 ] && ! alive "$watch_pid"; then
      log "process $watch_pid is gone; stopping"
      exit 0
    fi
    alive "$etcd_pid" || die "etcd exited (see $dir/etcd.log)"
    alive "$api_pid" || die "kube-apiserver exited (see $dir/apiserver.log)"
  done
}

case "${1:-}" in
build) exec "$here/build.sh" ;;
crds) crd_dir "${2:-standard}" ;;
start)
  shift
  cmd_start "$@"
  ;;
*)
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
  ;;
esac
