#!/usr/bin/env bash
# Checks CONTRIBUTING.md "Layers": each layer includes only the layers it may use. Headers share one
# include root, so the CMake target graph alone cannot catch a stray #include.
set -euo pipefail
cd "$(dirname "$0")/../.."

# layer -> layers it may include (besides itself)
declare -A allowed=(
  [engine]=""
  [cron]="engine"
  [api]="engine cron"
  [cluster]="engine cron api"
  [controllers]="engine cron api cluster"
  [scenario]="engine cron api"
  [report]="engine cron api cluster"
  [world]="engine cron api cluster controllers scenario report"
  [sweep]="engine cron api cluster controllers scenario report world"
)
# controllers may include only these cluster headers (not the scheduler, kubelets or store);
# lifecycle.hpp is, like event_recorder.hpp, an outgoing seam: value types and signals they emit
controller_cluster_ok="api_error.hpp informer.hpp client.hpp event_recorder.hpp node_leases.hpp lifecycle.hpp"

status=0
for layer in "${!allowed[@]}"; do
  for dir in "include/jobsim/$layer" "sim/$layer"; do
    [ -d "$dir" ] || continue
    while IFS=: read -r file line include; do
      target=$(sed -E 's|.*"jobsim/([a-z_]+)/.*|\1|' <<<"$include")
      header=$(sed -E 's|.*"jobsim/[a-z_]+/(.*)".*|\1|' <<<"$include")
      [ "$target" = "$layer" ] && continue
      if [[ " ${allowed[$layer]} " != *" $target "* ]]; then
        echo "$file:$line: layer '$layer' must not include jobsim/$target/ (CONTRIBUTING.md "Layers")"
        status=1
      elif [ "$layer" = controllers ] && [ "$target" = cluster ] && [[ " $controller_cluster_ok " != *" $header "* ]]; then
        echo "$file:$line: controllers talk to the cluster only through informers and clients, not $header"
        status=1
      fi
    done < <(grep -rn '#include "jobsim/' "$dir" || true)
  done
done
exit $status
