#!/usr/bin/env bash
# Install ClearPost from this bundle on Linux or macOS: unattended, idempotent, offline.
#
#   sudo ./install.sh [--prefix DIR] [--config FILE] [--config-dir DIR] [--policy-dir DIR]...
#                     [--no-policies] [--unit-dir DIR] [--python PYTHON]
#
# Every path written comes from these flags (defaults below) and is recorded in
# <prefix>/install-manifest.txt, which uninstall.sh reads to remove exactly that.
# Written for the bash 3.2 that macOS ships.
set -euo pipefail

bundle="$(cd "$(dirname "$0")" && pwd)"
os="$(uname -s)"
prefix=/opt/clearpost
config=""
python=python3
policy_dirs=()
policy_dirs_given=0
no_policies=0
if [ "$os" = Darwin ]; then
  config_dir="/Library/Application Support/ClearPost"
  unit_dir=/Library/LaunchAgents
else
  config_dir=/etc/clearpost
  unit_dir=/etc/systemd/user
fi

fail() { echo "install.sh: $*" >&2; exit 1; }
usage() { sed -n '4,5p' "$0" | sed 's/^# *//' >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a directory}"; shift 2 ;;
    --config) config="${2:?--config needs a file}"; shift 2 ;;
    --config-dir) config_dir="${2:?--config-dir needs a directory}"; shift 2 ;;
    --policy-dir) policy_dirs+=("${2:?--policy-dir needs a directory}"); policy_dirs_given=1; shift 2 ;;
    --no-policies) no_policies=1; shift ;;
    --unit-dir) unit_dir="${2:?--unit-dir needs a directory}"; shift 2 ;;
    --python) python="${2:?--python needs an interpreter}"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "install.sh: unknown option $1" >&2; usage ;;
  esac
done

# Absolute paths: they go into the manifest, the autostart unit and the wrapper.
absolute() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$(pwd)" "$1" ;; esac; }
prefix="$(absolute "$prefix")"
config_dir="$(absolute "$config_dir")"
unit_dir="$(absolute "$unit_dir")"
if [ -z "$config" ] && [ -f "$bundle/config/config.yaml" ]; then
  config="$bundle/config/config.yaml"   # shipped by build-bundle --config
fi
if [ -n "$config" ]; then
  [ -f "$config" ] || fail "configuration file not found: $config"
  config="$(absolute "$config")"
fi
if [ "$policy_dirs_given" = 0 ] && [ "$os" != Darwin ]; then
  while IFS= read -r line; do
    [ -n "$line" ] && policy_dirs+=("$line")
  done < "$bundle/policies/linux/policy-dirs.txt"
fi
[ "$no_policies" = 1 ] && policy_dirs=()

command -v "$python" >/dev/null 2>&1 || fail "no Python interpreter '$python' (Python 3.10 or newer is required; pass --python)"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' || fail "$python is older than Python 3.10"

echo "install.sh: checking the bundle against SHA256SUMS …"
if command -v sha256sum >/dev/null 2>&1; then checksum=(sha256sum); else checksum=(shasum -a 256); fi
(cd "$bundle" && "${checksum[@]}" -c --quiet SHA256SUMS) || fail "the bundle is damaged or incomplete (SHA256SUMS mismatch)"

manifest="$prefix/install-manifest.txt"
record() { grep -qxF "$1 $2" "$manifest" 2>/dev/null || printf '%s %s\n' "$1" "$2" >> "$manifest"; }

# mkdir -p that records each directory it creates (and only those) for the uninstaller.
make_dir() {
  local missing=() parent="$1" dir
  while [ ! -d "$parent" ]; do missing+=("$parent"); parent="$(dirname "$parent")"; done
  mkdir -p "$1"
  for dir in ${missing[@]+"${missing[@]}"}; do record dir "$dir"; done
}

install_file() {  # install_file SOURCE DESTINATION MODE
  make_dir "$(dirname "$2")"
  cp "$1" "$2.tmp.$$" && chmod "$3" "$2.tmp.$$" && mv -f "$2.tmp.$$" "$2" || fail "cannot write $2"
  record file "$2"
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

make_dir "$prefix"
touch "$manifest" || fail "cannot write $manifest"

# 1. The service: a virtual environment filled from the bundle's wheels, never from an index.
venv="$prefix/venv"
stamp="$venv/.clearpost-bundle"
wanted_stamp="$(grep ' wheels/' "$bundle/SHA256SUMS" | "${checksum[@]}" | cut -d' ' -f1) $("$python" -c 'import sys; print(sys.version_info[:2])')"
record tree "$venv"
if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted_stamp" ]; then
  echo "install.sh: $venv is already up to date"
else
  echo "install.sh: installing the service into $venv …"
  "$python" -m venv --clear "$venv" || fail "could not create the virtual environment $venv"
  "$venv/bin/python" -m pip install --isolated --no-index --find-links "$bundle/wheels" --no-cache-dir \
    --disable-pip-version-check --quiet clearpost \
    || fail "pip could not install ClearPost from $bundle/wheels (is there a wheel for this Python and platform? see bundle.json)"
  printf '%s\n' "$wanted_stamp" > "$stamp"
fi

# 2. The hospital configuration, validated by the installed service before anything uses it.
installed_config=""
if [ -n "$config" ]; then
  "$venv/bin/clearpost" --config "$config" check-config || fail "the configuration file $config is invalid (see above); nothing else was changed"
  installed_config="$config_dir/config.yaml"
  if [ "$config" != "$installed_config" ]; then
    install_file "$config" "$installed_config" 0644
  fi
fi

# 3. <prefix>/bin/clearpost: the command the autostart unit and IT run.
{
  echo '#!/bin/sh'
  echo '# Written by the ClearPost installer.'
  if [ -n "$installed_config" ]; then
    printf 'exec %q --config %q "$@"\n' "$venv/bin/clearpost" "$installed_config"
  else
    printf 'exec %q "$@"\n' "$venv/bin/clearpost"
  fi
} > "$work/clearpost"
install_file "$work/clearpost" "$prefix/bin/clearpost" 0755
"$prefix/bin/clearpost" check-config || fail "the installed service does not start its configuration check"

# 4. Browser policies: force-install the extension and give it the service's port and mode.
if [ ${#policy_dirs[@]} -gt 0 ]; then
  "$venv/bin/python" - "$bundle/policies/linux/clearpost.json" "$installed_config" > "$work/policy.json" <<'PY' \
    || fail "could not write the browser policy"
import json
import sys

from clearpost.config import load_config

policy = json.load(open(sys.argv[1], encoding="utf-8"))
if sys.argv[2]:
    config = load_config(sys.argv[2])
    for settings in policy["3rdparty"]["extensions"].values():
        settings.update(port=config.port, mode=config.mode)
json.dump(policy, sys.stdout, indent=2)
PY
  for dir in "${policy_dirs[@]}"; do
    install_file "$work/policy.json" "$(absolute "$dir")/clearpost.json" 0644
  done
elif [ "$os" = Darwin ] && [ "$no_policies" = 0 ]; then
  echo "install.sh: macOS takes browser policies from a configuration profile: deploy"
  echo "            $bundle/policies/macos/clearpost.mobileconfig with your MDM (see README-IT.md)"
fi

# 5. Autostart in every user's session.
if [ "$os" = Darwin ]; then
  cat > "$work/agent.plist" <<PLIST
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key><string>org.clearpost.service</string>
  <key>ProgramArguments</key>
  <array><string>$prefix/bin/clearpost</string><string>serve</string></array>
  <key>RunAtLoad</key><true/>
  <key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict>
</dict>
</plist>
PLIST
  install_file "$work/agent.plist" "$unit_dir/org.clearpost.service.plist" 0644
  start_hint="launchctl bootstrap gui/\$(id -u) '$unit_dir/org.clearpost.service.plist'"
else
  cat > "$work/clearpost.service" <<UNIT
[Unit]
Description=ClearPost: finds patient information in posts before they are posted

[Service]
ExecStart="$prefix/bin/clearpost" serve
Restart=on-failure
RestartSec=5

[Install]
WantedBy=default.target
UNIT
  install_file "$work/clearpost.service" "$unit_dir/clearpost.service" 0644
  # What `systemctl --global enable clearpost.service` does, written directly so that --unit-dir works anywhere.
  make_dir "$unit_dir/default.target.wants"
  ln -sfn "$unit_dir/clearpost.service" "$unit_dir/default.target.wants/clearpost.service"
  record file "$unit_dir/default.target.wants/clearpost.service"
  start_hint="systemctl --user daemon-reload && systemctl --user start clearpost"
fi

sort -u -o "$manifest" "$manifest"
echo "install.sh: ClearPost is installed in $prefix; it starts at each user's next login."
echo "            To start it now in a session: $start_hint"
