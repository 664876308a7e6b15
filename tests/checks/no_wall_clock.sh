#!/usr/bin/env bash
# Only the CLI may read the wall clock or real randomness (CONTRIBUTING.md "Time, ordering and randomness"): time comes from the
# virtual clock and randomness from the seeded streams, or runs are not reproducible.
set -euo pipefail
cd "$(dirname "$0")/../.."
if grep -rnE 'system_clock|steady_clock|high_resolution_clock|random_device|std::rand\(|time\(nullptr\)' \
     include sim --include='*.hpp' --include='*.cpp' | grep -v '^sim/cli/'; then
  echo "wall clock or real randomness outside sim/cli/ (CONTRIBUTING.md "Time, ordering and randomness")"
  exit 1
fi
