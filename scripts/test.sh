#!/usr/bin/env bash
# The whole test suite: format, UI checks, lint, unit + integration + CLI tests, the
# dependency audit, and end-to-end tests of the real app. Fails at the first failing step.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
started=$SECONDS

step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }

step "setup"
scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all --check

step "UI: svelte-check"
npm run --silent ui:check

step "UI: unit tests"
npm run --silent ui:test

step "UI: build"
npm run --silent ui:build

step "architecture invariants"
scripts/check-invariants.sh

step "clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "build"
cargo build --workspace --all-targets --locked

step "Rust tests (core, CLI, shell)"
# The reliability parts run in the next step, each part on its own and one test at a time:
# a memory figure is the child's own only when this test process's peak is below it, which
# tests running beside it in the same process can spoil. They are not run twice.
cargo test --workspace --locked -- --skip tamper:: --skip hostile_input:: --skip crash:: --skip limits:: \
  --skip plaintext::

step "reliability suite, short run (figures; the long run: scripts/reliability.sh --long)"
scripts/reliability.sh

step "cargo audit (offline advisory snapshot)"
advisory_db="$root/../shared/advisory-db"
[ -d "$advisory_db" ] || { echo "The advisory database is missing at $advisory_db (shared/ beside the repository)." >&2; exit 1; }
cargo audit --db "$advisory_db" --no-fetch --deny warnings \
  --ignore RUSTSEC-2024-0411 --ignore RUSTSEC-2024-0412 --ignore RUSTSEC-2024-0413 --ignore RUSTSEC-2024-0414 \
  --ignore RUSTSEC-2024-0415 --ignore RUSTSEC-2024-0416 --ignore RUSTSEC-2024-0417 --ignore RUSTSEC-2024-0418 \
  --ignore RUSTSEC-2024-0419 --ignore RUSTSEC-2024-0420 --ignore RUSTSEC-2024-0370 --ignore RUSTSEC-2024-0429

step "end-to-end tests of the app (Xvfb + tauri-driver + WebKitWebDriver)"
scripts/e2e.sh

printf '\n\033[1;32mAll checks passed in %d s.\033[0m\n' $((SECONDS - started))
