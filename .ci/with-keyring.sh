#!/usr/bin/env bash
# Inside dbus-run-session: start gnome-keyring's Secret Service with a fresh,
# unlocked login keyring, then run the command with the keychain tests required.
# The keyring needs a non-empty password: with an empty one gnome-keyring asks a
# (graphical) prompter to create the login collection, which fails headless.
set -euo pipefail
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
keyring_home="$(mktemp -d)"
export XDG_DATA_HOME="$keyring_home"
eval "$(printf 'backpack-ci-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
export BACKPACK_TEST_KEYCHAIN=1 BACKPACK_REQUIRE_KEYCHAIN=1
exec "$@"
