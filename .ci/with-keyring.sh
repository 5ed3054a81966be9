#!/usr/bin/env bash
# Inside dbus-run-session: start gnome-keyring's Secret Service with a fresh,
# unlocked login keyring, then run the command with the keychain tests required.
# The keyring needs a non-empty password: with an empty one gnome-keyring asks a
# (graphical) prompter to create the login collection, which fails headless.
#
# A watchdog restarts the daemon, unlocked, if it dies mid-run: one CI run lost
# 244 tests when gnome-keyring-daemon crashed (a GLib assertion) and D-Bus then
# started a locked one that asked for a graphical prompt. The restart is said on
# stderr, so a run that needed it shows it.
set -euo pipefail
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
keyring_home="$(mktemp -d)"
export XDG_DATA_HOME="$keyring_home"
password='backpack-ci-keyring'

start_daemon() {
  eval "$(printf '%s' "$password" | gnome-keyring-daemon "$@" --unlock --components=secrets)"
}

# The process that owns the Secret Service name on this session bus, or nothing after 5 s
# (the daemon takes the name a moment after it has forked).
secret_service_pid() {
  local pid="" tries=0
  while [ -z "$pid" ] && [ "$tries" -lt 50 ]; do
    pid="$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null |
      awk '/uint32/ { print $2 }' || true)"
    [ -n "$pid" ] || sleep 0.1
    tries=$((tries + 1))
  done
  printf '%s' "$pid"
}

start_daemon
owner="$(secret_service_pid)"
# Only a daemon seen running can be seen dying: without its pid the watchdog would replace a
# healthy daemon under running tests, which is what it is there to prevent.
watchdog() {
  while sleep 1; do
    kill -0 "$owner" 2>/dev/null && continue
    echo "ci: gnome-keyring-daemon (pid $owner) is gone; starting it again, unlocked" >&2
    start_daemon --replace || true
    owner="$(secret_service_pid)"
    [ -n "$owner" ] || { echo "ci: the restarted gnome-keyring-daemon did not take the Secret Service name; the watchdog stops" >&2; return; }
  done
}
watchdog_pid=
if [ -n "$owner" ]; then
  watchdog &
  watchdog_pid=$!
else
  echo "ci: gnome-keyring-daemon's pid is not known (it did not take the Secret Service name on the session bus); no watchdog" >&2
fi
trap '[ -z "$watchdog_pid" ] || kill "$watchdog_pid" 2>/dev/null || true' EXIT

export BACKPACK_TEST_KEYCHAIN=1 BACKPACK_REQUIRE_KEYCHAIN=1
status=0
"$@" || status=$?
exit "$status"
