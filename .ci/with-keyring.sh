#!/usr/bin/env bash
# Runs a command with a real Secret Service: a private D-Bus session and
# gnome-keyring with a fresh, unlocked login keyring, the keychain tests
# required (BACKPACK_TEST_KEYCHAIN, BACKPACK_REQUIRE_KEYCHAIN).
#
#   bash .ci/with-keyring.sh npm test
#
# The keyring needs a non-empty password: with an empty one gnome-keyring asks a
# (graphical) prompter to create the login collection, which fails headless.
#
# gnome-keyring-daemon has crashed mid-run in CI (a GLib assertion, `trap int3`
# in dmesg). D-Bus then started the system's own daemon on the next request, a
# locked one that asked for a graphical prompt, and every keychain test after
# it failed. So the session bus here has a service file of its own for the
# Secret Service (.ci/keyring-daemon.sh): whatever restarts the daemon, it
# comes back unlocked on the same keyring folder. A restart is said on stderr.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if [ -z "${BACKPACK_CI_BUS:-}" ]; then
  bus="$(mktemp -d)"
  trap 'rm -rf "$bus"' EXIT
  mkdir -p "$bus/services" "$bus/keyring"
  cat >"$bus/services/org.freedesktop.secrets.service" <<SERVICE
[D-BUS Service]
Name=org.freedesktop.secrets
Exec=/bin/bash $here/keyring-daemon.sh
SERVICE
  # The standard session bus, with this folder's services first (the first service file for a name wins).
  cat >"$bus/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$bus/services</servicedir>
  <standard_session_servicedirs />
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
  # The bus passes its own environment to what it starts: the keyring folder and password go there.
  export BACKPACK_CI_KEYRING_HOME="$bus/keyring" BACKPACK_CI_KEYRING_PASSWORD='backpack-ci-keyring'
  export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
  status=0
  BACKPACK_CI_BUS=1 dbus-run-session --config-file="$bus/session.conf" -- bash "$0" "$@" || status=$?
  exit "$status"
fi

export XDG_DATA_HOME="$BACKPACK_CI_KEYRING_HOME"
eval "$(printf '%s' "$BACKPACK_CI_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets)"
export BACKPACK_TEST_KEYCHAIN=1 BACKPACK_REQUIRE_KEYCHAIN=1
exec "$@"
