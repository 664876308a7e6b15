#!/usr/bin/env bash
# The manifests of deploy/ (docs/distributed.md) are valid and agree with each other.
#  1. `kubectl create --dry-run=client` on each, when kubectl is installed and reaches an API
#     server: kubectl needs the server's discovery and OpenAPI schema even for a client dry
#     run. It reads them from the current context's cluster and creates nothing.
#  2. With python3 and its yaml module: each file parses, holds the expected kind, and the
#     files agree (shard count, claim name, mount path, image, --jobs from the cpu limit).
# With neither, the test is skipped (exit 77, SKIP_RETURN_CODE in CMakeLists.txt).
# Upstream's Job validation runs on deploy/sweep-job.yaml in the golden test too:
# scenarios/capacity/sweep-on-cluster.yaml includes it.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
manifests=(deploy/results-pvc.yaml deploy/sweep-job.yaml deploy/collector-pod.yaml)
status=0
checked=""

if command -v kubectl >/dev/null && kubectl version --request-timeout=5s >/dev/null 2>&1; then
  for manifest in "${manifests[@]}"; do
    if kubectl create --dry-run=client -o name -f "$root/$manifest" >/dev/null; then
      echo "ok   kubectl create --dry-run=client -f $manifest"
    else
      echo "FAIL kubectl create --dry-run=client -f $manifest"
      status=1
    fi
  done
  checked="kubectl"
else
  echo "note: no kubectl that reaches a cluster; kubectl dry run not done"
fi

if command -v python3 >/dev/null && python3 -c "import yaml" 2>/dev/null; then
  python3 - "$root" <<'EOF' || status=1
import sys
import yaml

root = sys.argv[1]
problems = []

def load(path, api_version, kind):
    with open(f"{root}/{path}") as f:
        documents = [d for d in yaml.safe_load_all(f) if d is not None]
    if len(documents) != 1:
        problems.append(f"{path}: {len(documents)} documents, expected 1")
        return {}
    doc = documents[0]
    if (doc.get("apiVersion"), doc.get("kind")) != (api_version, kind):
        problems.append(f"{path}: {doc.get('apiVersion')} {doc.get('kind')}, expected {api_version} {kind}")
    if not doc.get("metadata", {}).get("name"):
        problems.append(f"{path}: no metadata.name")
    return doc

def check(condition, message):
    if not condition:
        problems.append(message)

def strings_only(path, container):
    for key in ("command", "args"):
        for item in container.get(key, []):
            check(isinstance(item, str), f"{path}: {key} item {item!r} is not a string (quote it)")

def flag(args, name):
    return args[args.index(name) + 1] if name in args and args.index(name) + 1 < len(args) else None

pvc = load("deploy/results-pvc.yaml", "v1", "PersistentVolumeClaim")
job = load("deploy/sweep-job.yaml", "batch/v1", "Job")
pod = load("deploy/collector-pod.yaml", "v1", "Pod")
claim = pvc.get("metadata", {}).get("name")
check("ReadWriteMany" in pvc.get("spec", {}).get("accessModes", []),
      "deploy/results-pvc.yaml: accessModes has no ReadWriteMany (shards write from several nodes)")

spec = job.get("spec", {})
template = spec.get("template", {}).get("spec", {})
containers = template.get("containers", [])
check(len(containers) == 1, "deploy/sweep-job.yaml: expected one container")
sweep = containers[0] if containers else {}
args = sweep.get("args", [])
strings_only("deploy/sweep-job.yaml", sweep)
check(spec.get("completionMode") == "Indexed", "deploy/sweep-job.yaml: completionMode is not Indexed")
check(template.get("restartPolicy") == "Never", "deploy/sweep-job.yaml: restartPolicy is not Never")
check(args[:1] == ["sweep"], "deploy/sweep-job.yaml: args do not start with sweep")
check(flag(args, "--shard-count") == str(spec.get("completions")),
      f"deploy/sweep-job.yaml: --shard-count {flag(args, '--shard-count')} differs from completions {spec.get('completions')}")
check("--shard-index" not in args, "deploy/sweep-job.yaml: --shard-index given; the index comes from JOB_COMPLETION_INDEX")
check(spec.get("parallelism", 1) <= spec.get("completions", 0), "deploy/sweep-job.yaml: parallelism above completions")
out = flag(args, "--out") or ""
check("$(JOB_COMPLETION_INDEX)" in out, f"deploy/sweep-job.yaml: --out {out!r} does not name the index")
mounts = {m.get("name"): m.get("mountPath") for m in sweep.get("volumeMounts", [])}
volumes = {v.get("name"): v.get("persistentVolumeClaim", {}).get("claimName") for v in template.get("volumes", [])}
check(any(out.startswith(path.rstrip("/") + "/") and volumes.get(name) == claim for name, path in mounts.items()),
      f"deploy/sweep-job.yaml: --out {out!r} is not on a mount of the claim {claim!r}")
env = {e.get("name"): e for e in sweep.get("env", [])}
jobs = flag(args, "--jobs") or ""
source = env.get(jobs[2:-1], {}).get("valueFrom", {}).get("resourceFieldRef", {}) if jobs.startswith("$(") else {}
check(source.get("resource") == "limits.cpu", f"deploy/sweep-job.yaml: --jobs {jobs!r} does not come from limits.cpu")
check("cpu" in sweep.get("resources", {}).get("limits", {}), "deploy/sweep-job.yaml: no cpu limit for --jobs")

collector = pod.get("spec", {}).get("containers", [{}])[0]
strings_only("deploy/collector-pod.yaml", collector)
check(collector.get("image") == sweep.get("image"), "deploy/collector-pod.yaml: image differs from the Job's")
pod_claims = [v.get("persistentVolumeClaim", {}).get("claimName") for v in pod.get("spec", {}).get("volumes", [])]
check(claim in pod_claims, f"deploy/collector-pod.yaml: does not mount the claim {claim!r}")

for problem in problems:
    print("FAIL " + problem)
if not problems:
    print("ok   deploy/*.yaml parse and agree (python3 yaml)")
sys.exit(1 if problems else 0)
EOF
  checked="$checked python3"
else
  echo "note: no python3 with yaml; structural checks not done"
fi

if [ -z "$checked" ]; then
  echo "SKIP: neither kubectl with a reachable cluster nor python3 with yaml"
  exit 77
fi
exit $status
