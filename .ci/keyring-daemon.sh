#!/usr/bin/env bash
# D-Bus starts this (the service file .ci/with-keyring.sh writes) when the Secret
# Service is asked for and no daemon has its name: after a crash, gnome-keyring
# comes back unlocked on the run's keyring folder instead of the system's
# locked one. Says so on stderr.
set -euo pipefail
echo "ci: gnome-keyring-daemon (re)started by D-Bus, unlocked, on the run's keyring" >&2
export XDG_DATA_HOME="$BACKPACK_CI_KEYRING_HOME"
printf '%s' "$BACKPACK_CI_KEYRING_PASSWORD" | exec gnome-keyring-daemon --foreground --unlock --components=secrets
