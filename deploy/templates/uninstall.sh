#!/usr/bin/env bash
# Remove what install.sh wrote, and nothing else: the paths listed in <prefix>/install-manifest.txt.
#
#   sudo ./uninstall.sh [--prefix DIR]
#
# Accepts install.sh's other flags too (the manifest already knows every path they named).
# Directories are removed only if the installer created them and they are empty afterwards.
set -euo pipefail

prefix=/opt/clearpost
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a directory}"; shift 2 ;;
    --config|--config-dir|--policy-dir|--unit-dir|--python) shift 2 ;;
    --no-policies) shift ;;
    -h|--help) sed -n '4p' "$0" | sed 's/^# *//' >&2; exit 2 ;;
    *) echo "uninstall.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
case "$prefix" in /*) ;; *) prefix="$(pwd)/$prefix" ;; esac

manifest="$prefix/install-manifest.txt"
if [ ! -f "$manifest" ]; then
  echo "uninstall.sh: no ClearPost installation in $prefix (no $manifest); nothing to remove"
  exit 0
fi

# Children sort after their parents, so reverse order by path removes contents first.
entries="$(sort -u "$manifest" | sort -r -t ' ' -k 2)"
rm -f "$manifest"
while IFS= read -r entry; do
  kind="${entry%% *}"
  path="${entry#* }"
  case "$path" in
    /|"") continue ;;   # never: the manifest only holds absolute paths below a directory
    /*) ;;
    *) continue ;;
  esac
  case "$kind" in
    file) rm -f "$path" ;;
    tree) rm -rf "$path" ;;
    dir)
      if [ -d "$path" ] && ! rmdir "$path" 2>/dev/null; then
        echo "uninstall.sh: kept $path: it holds files ClearPost did not install"
      fi ;;
  esac
done <<< "$entries"

echo "uninstall.sh: ClearPost removed from $prefix."
echo "              A service still running in a user's session stops at logout (or: systemctl --user stop clearpost)."
