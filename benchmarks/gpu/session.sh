#!/usr/bin/env bash
# One GPU session, at most 8.5 minutes on one H200 (the parts' limits add up to 500 s): the CUDA tests, the trainer benchmark up to K = 65,536, a quick
# report run of the equilibrium claims on CUDA and a sweep on tuning seeds. Each part runs under its own time limit,
# so a part that hangs costs its limit and no more; what every part printed and measured ends up in OUT:
#
#   summary.json        each part's exit status and seconds, the device, torch and CUDA versions
#   bench-gpu.json      benchmarks/bench_trainer.py --json (CUDA columns)
#   sweep-table.json    the sweep's table.json
#   session.tar.gz      every log, the tests' JUnit XML, the report and the sweep's folder
#
# Run from the repository root, with torch for CUDA installed:  OUT=gpu-out bash benchmarks/gpu/session.sh
# Where the machine lacks packages of the project (dask, distributed, POT), WHEELS names a folder of wheels to
# install into a scratch site first.  SMOKE=1 shrinks every part to a few seconds (to check the script on a CPU).
set -uo pipefail

OUT=${OUT:-gpu-out}
PY=${PY:-python3}
SMOKE=${SMOKE:-0}
mkdir -p "$OUT"
WORK=$(mktemp -d)
# outside WORK, which is archived at the end
SITE=$(mktemp -d)
export PYTHONUNBUFFERED=1
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"

if [ -n "${WHEELS:-}" ]; then
    "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target "$SITE" "$WHEELS"/*.whl \
        || { echo "session: installing the wheels failed" >&2; exit 3; }
    export PYTHONPATH="$PYTHONPATH:$SITE"
fi

: > "$WORK/parts.jsonl"
part() {
    local name=$1 limit=$2 start rc
    shift 2
    start=$(date +%s)
    timeout --kill-after=10 "$limit" "$@" > "$WORK/$name.log" 2>&1
    rc=$?
    printf '{"part": "%s", "rc": %d, "seconds": %d, "limit": %d}\n' "$name" "$rc" "$(($(date +%s) - start))" "$limit" \
        >> "$WORK/parts.jsonl"
    echo "== $name: rc $rc, $(($(date +%s) - start)) s (limit $limit s)"
    tail -n 12 "$WORK/$name.log"
}

if [ "$SMOKE" = 1 ]; then
    DEVICE=cpu
    KS=(8 32)
    COMPILE_KS=()
    BENCH_EXTRA=(--quick --repeats 1)
    SWEEP_STEPS=30
else
    DEVICE=cuda
    KS=(128 1024 8192 65536)
    COMPILE_KS=(8192)
    BENCH_EXTRA=(--repeats 2 --loop-seeds 2 --loop-steps 100)
    SWEEP_STEPS=
fi

part environment 20 bash -c "nvidia-smi || true; $PY -c 'import torch, sys; print(sys.version); print(\"torch\", torch.__version__, \"cuda\", torch.version.cuda, torch.cuda.is_available() and torch.cuda.get_device_name(0))'"

part tests 60 "$PY" -m pytest -p no:cacheprovider -q -W default tests/nn/test_cuda.py \
    --junitxml="$WORK/cuda-tests.xml"

part bench 240 "$PY" benchmarks/bench_trainer.py --device "$DEVICE" --ks "${KS[@]}" --compile-ks "${COMPILE_KS[@]}" \
    --data-columns --skip-numpy --layout-ks "${BENCH_EXTRA[@]}" --json "$WORK/bench-gpu.json"

part report 80 "$PY" -m verify run --profile quick --claims 'EQ-*' --device "$DEVICE" --scheduler serial \
    --format json,md --no-figures --quiet --out "$WORK/report"

SPEC=benchmarks/gpu/sweep-bimodal.toml
if [ -n "$SWEEP_STEPS" ]; then
    sed "s/^steps = .*/steps = $SWEEP_STEPS/; s/^count = .*/count = 2/; s/^group = .*/group = 2/; s/^n_test = .*/n_test = 200/" \
        "$SPEC" > "$WORK/sweep-smoke.toml"
    SPEC="$WORK/sweep-smoke.toml"
fi
part sweep 100 "$PY" -m verify sweep "$SPEC" --device "$DEVICE" --workers 4 --quiet --out "$WORK/sweep"

"$PY" - "$WORK" "$OUT" <<'EOF'
import json, pathlib, sys
work, out = map(pathlib.Path, sys.argv[1:])
parts = [json.loads(line) for line in (work / "parts.jsonl").read_text().splitlines() if line.strip()]
summary = {"parts": parts}
try:
    import torch
    summary["torch"] = torch.__version__
    summary["cuda"] = torch.version.cuda
    summary["device"] = torch.cuda.get_device_name(0) if torch.cuda.is_available() else None
except Exception as exc:  # the summary is written whatever broke
    summary["torch_error"] = repr(exc)
(out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
for src, dst in (("bench-gpu.json", "bench-gpu.json"), ("sweep/table.json", "sweep-table.json")):
    if (work / src).is_file():
        (out / dst).write_bytes((work / src).read_bytes())
EOF
tar -czf "$OUT/session.tar.gz" -C "$WORK" .
echo "session: wrote $OUT"
