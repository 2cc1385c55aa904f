#!/usr/bin/env bash
# A throw-away single-node Slurm cluster on loopback for the Slurm integration test.
#
#   .ci/slurm.sh start DIR   installs slurm-wlm and munge if missing (needs root and apt-get), starts
#                            munged, slurmctld and slurmd with their state, sockets, logs and a
#                            slurm.conf in DIR, on free ports, and prints the slurm.conf path.
#                            Exit status 3 (and nothing printed on stdout) when Slurm cannot be had
#                            here: the integration test then skips.
#   .ci/slurm.sh stop DIR    stops the daemons that `start` started (by their PIDs) and removes DIR.
#
# Nothing outside DIR is configured or touched (no /etc/slurm, no system munged), so it can run beside
# another cluster or another copy of itself. Debian's slurm-wlm 22.05 has no systemd here: the daemons
# are started by hand, proctrack/linuxproc and task/none so that no cgroup set-up is needed.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin" # the daemons live there

cmd="${1:-}"
dir="${2:-}"
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

log() { echo "slurm.sh: $*" >&2; }

stop() {
  for d in slurmd slurmctld munged; do
    if [ -f "$dir/$d.pid" ]; then
      pid="$(cat "$dir/$d.pid")"
      if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
      fi
    fi
  done
  case "$dir" in
    /tmp/*|"${TMPDIR:-/tmp}"/*) rm -rf "$dir" ;;
    *) log "left $dir in place (not under the temporary folder)" ;;
  esac
}

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

unavailable() {
  log "Slurm is not available here ($*); the Slurm integration test will be skipped"
  exit 3
}

start() {
  if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
      unavailable "slurmctld or munged missing, and no root apt-get to install them"
    fi
    log "installing slurm-wlm and munge"
    export DEBIAN_FRONTEND=noninteractive
    (apt-get install -y -q slurm-wlm munge >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q slurm-wlm munge >/dev/null 2>&1; }) \
      || unavailable "apt-get install slurm-wlm munge failed"
  fi
  if [ "$(id -u)" != 0 ]; then
    unavailable "slurmd must run as root to start jobs"
  fi
  mkdir -p "$dir"
  chmod 700 "$dir"
  dir="$(cd "$dir" && pwd)"
  mkdir -p "$dir/munge" "$dir/state" "$dir/spool"
  chmod 700 "$dir/munge"

  # A private munge key and socket: nothing shared with a system munged.
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$dir/munge/munge.key"
  local socket="$dir/munge/munge.socket"
  munged --force --socket="$socket" --key-file="$dir/munge/munge.key" --pid-file="$dir/munged.pid" \
    --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" 2>>"$dir/munge/start.err" \
    || unavailable "munged did not start: $(tail -1 "$dir/munge/start.err" 2>/dev/null)"
  munge -n -S "$socket" | unmunge -S "$socket" >/dev/null 2>&1 || unavailable "munge does not authenticate"

  local host ctl_port d_port cpus mem_mb
  host="$(hostname -s)"
  ctl_port="$(free_port)" || unavailable "no free port"
  d_port="$(free_port)" || unavailable "no free port"
  cpus="$(nproc)"
  mem_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
  cat >"$dir/slurm.conf" <<EOF
ClusterName=tdabench-ci
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctl_port
SlurmdPort=$d_port
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SlurmdParameters=config_overrides
ReturnToService=2
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
InactiveLimit=0
KillWait=5
MinJobAge=600
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -f "$SLURM_CONF" 2>>"$dir/start.err" || unavailable "slurmctld did not start: $(tail -1 "$dir/start.err")"
  slurmd -f "$SLURM_CONF" 2>>"$dir/start.err" || unavailable "slurmd did not start: $(tail -1 "$dir/start.err")"
  for _ in $(seq 1 60); do
    if sinfo -h -o %t 2>/dev/null | grep -qx idle; then
      log "single-node cluster up: $host, $cpus CPUs, ${mem_mb} MB, SLURM_CONF=$SLURM_CONF"
      echo "$SLURM_CONF"
      return 0
    fi
    sleep 0.5
  done
  unavailable "the node did not become idle: $(sinfo -h -o '%t %E' 2>&1 | head -1)"
}

case "$cmd" in
  start)
    # Whatever fails half-way is stopped again.
    trap 'rc=$?; if [ $rc != 0 ]; then stop; fi' EXIT
    start
    trap - EXIT
    ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
