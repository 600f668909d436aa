#!/usr/bin/env bash
# Runs the gateway's tests as two vitest processes side by side. The long fault tests (two minutes of
# database outage, a minute of dead links) mostly wait on the clock, so they run beside the other files
# instead of after them: about three minutes less of CI. Each process writes its own JSON report.
set -u
cd "$(dirname "$0")/.."
waiting=(src/faults/database-outage.test.ts src/faults/offline-boot.test.ts)
excludes=()
for file in "${waiting[@]}"; do excludes+=(--exclude "$file"); done

CITY_VITEST_REPORT=vitest-waiting npx vitest run "${waiting[@]}" "$@" &
waiting_pid=$!
CITY_VITEST_REPORT=vitest npx vitest run "${excludes[@]}" "$@"
rest=$?
wait "$waiting_pid"
waited=$?
exit $((rest != 0 || waited != 0))
