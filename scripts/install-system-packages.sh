#!/usr/bin/env bash
# The Debian packages the tests read reports back with and drive a browser with:
#   libreoffice (soffice --convert-to csv reads xlsx), poppler-utils (pdftotext, pdfinfo),
#   chromium (the html report and, later, the web console), tmux (the mindhill CLI driven as in a terminal).
# Installs only what is missing; as root directly, otherwise through sudo. `npm run setup` and
# .ci/run call it; on a machine without apt-get it says what to install and fails.
set -euo pipefail
declare -A need=([soffice]=libreoffice-calc-nogui [pdftotext]=poppler-utils [pdfinfo]=poppler-utils [chromium]=chromium [tmux]=tmux)
missing=()
for cmd in "${!need[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${need[$cmd]}")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present (soffice, pdftotext, pdfinfo, chromium, tmux)"
  exit 0
fi
packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system packages missing: $packages(install them with your package manager)" >&2
  exit 1
fi
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "system packages: installing $packages"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends $packages >/dev/null
