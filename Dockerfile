# The instructor's batch CLI in a container: gcc and clang-14 (they judge the programs), tcc (it
# screens logic candidates), bubblewrap (the students' programs' sandbox, where the container allows
# it) and c-repair built from this tree.
#   docker build -t c-repair .
#   docker run --rm -v "$PWD/data:/data" c-repair batch --in /data/in.jsonl --out /data/out.jsonl
FROM node:20-bookworm-slim

# libc6-dev: the C headers (only a recommendation of gcc, which --no-install-recommends leaves out).
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gcc libc6-dev clang-14 tcc bubblewrap \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/c-repair
COPY . .
# onnxruntime-node's own install step would download CUDA libraries: skip it (CPU works as shipped).
# npm ci builds (the prepare script); the build tools are then dropped.
RUN ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund \
  && npm prune --omit=dev --no-audit --no-fund \
  && npm cache clean --force

ENTRYPOINT ["node", "/opt/c-repair/bin/c-repair.js"]
CMD ["--help"]
