#!/bin/bash
# One training run on the GPU machine that the `device` tool lends to some tasks (drawn by chance;
# 15 minutes of device time a task, 10 a call, 64 MiB carried, 16 MiB a file back). Prepare here:
#   mkdir -p .cache/device && for f in train dev; do gzip -c training/data/$f.jsonl > .cache/device/$f.jsonl.gz; done
#   cp training/data/summary.json .cache/device/          # .cache/ is ignored by git: it travels only when carried
# then, as one call: run(command="bash training/device_train.sh 7 [train.py options]", carry=[".cache/device"], timeout_s=600)
# It trains MINUTES on the GPU (the same train.py, --device cuda), exports the int7 model there (the
# same export_onnx.py, onnx and onnxruntime are installed there) and leaves under $OUT: model/
# (repair.onnx, model.json, vocab.json, export_check.json), train.log and export.log. Copy model/
# into models/ here and measure it as models/model-card.md says before shipping it.
set -euo pipefail
MINUTES=${1:-7}
shift || true
DATA=/tmp/c-repair-data
mkdir -p "$DATA"
for f in train dev; do gunzip -c ".cache/device/$f.jsonl.gz" > "$DATA/$f.jsonl"; done
cp .cache/device/summary.json "$DATA/"
export PYTHONUNBUFFERED=1
PYTHON=${PYTHON:-python3} # the python3 that holds PyTorch there; here, /usr/bin/python3
"$PYTHON" training/train.py --data "$DATA" --ckpt /tmp/c-repair-gpu.pt --device "${DEVICE:-cuda}" --minutes "$MINUTES" \
  --batch-tokens 32768 --loss hinted --hint-dropout 0.3 --save-every 2 --eval-every 3 --dev-examples 1000 "$@" 2>&1 | tee "$OUT/train.log"
"$PYTHON" training/export_onnx.py --ckpt /tmp/c-repair-gpu.pt --out "$OUT/model" --dev "$DATA/dev.jsonl" 2>&1 | tee "$OUT/export.log"
