#!/usr/bin/env bash
# Installs what Folio needs to build, run and test, skipping what is already there.
#   scripts/setup.sh            everything (app + test tools)
#   scripts/setup.sh --app-only only what building and running the app needs
set -euo pipefail
cd "$(dirname "$0")/.."

app_only=false
[ "${1:-}" = "--app-only" ] && app_only=true

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }

for tool in cargo node npm; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed. Install the Rust toolchain (rustup) and Node.js 20+ with npm, then run this again."
done

# Debian packages: Tauri's Linux stack, libssl for SQLCipher, and the test tools.
packages=(libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libayatana-appindicator3-dev librsvg2-dev
  libssl-dev build-essential pkg-config libxdo-dev file)
$app_only || packages+=(xvfb xauth webkit2gtk-driver poppler-utils xdotool strace python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    die "These system packages are missing and this is not a Debian/Ubuntu system: ${missing[*]}"
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "Missing packages: ${missing[*]}. Run as root or install sudo, or install them yourself: apt-get install ${missing[*]}"
    sudo="sudo"
  fi
  say "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "system packages: all present"
fi

# npm packages, exactly as locked.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
else
  say "npm packages: up to date"
fi

# Cargo tools for the tests.
cargo_tool() { # binary crate version
  if command -v "$1" >/dev/null 2>&1 || [ -x "$HOME/.cargo/bin/$1" ]; then
    say "$2: present"
  else
    say "cargo install $2 $3 (a few minutes, once)"
    cargo install "$2" --locked --version "$3" --quiet
  fi
}
if ! $app_only; then
  cargo_tool tauri-driver tauri-driver 2.1.0
  cargo_tool cargo-audit cargo-audit 0.22.2
fi
say "done"
