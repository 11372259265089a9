#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3) and the Debian packages it needs, so the
# integration and end-to-end suites can run a real VS Code without downloading one.
#
# The install goes into a cached folder outside node_modules, because it is large and a
# plain `npm ci` should stay fast for contributors:
#   ${LAYER_LENS_CACHE:-$HOME/.cache/layer-lens}/code-server-4.100.3
# A folder that holds the completion marker is reused as it is. Prints the folder's path
# as its last line.
set -euo pipefail

readonly CODE_SERVER_VERSION="4.100.3"
# @vscode/ripgrep 1.15.11 (a dependency of this code-server release) looks for this archive
# name in its cache before it tries to download ripgrep from GitHub.
readonly RIPGREP_PACKAGE_VERSION="1.15.11"
readonly RIPGREP_ARCHIVE="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
readonly SYSTEM_PACKAGES=(libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev pkg-config
  ripgrep chromium g++ make python3)

cache_root="${LAYER_LENS_CACHE:-$HOME/.cache/layer-lens}"
install_dir="$cache_root/code-server-$CODE_SERVER_VERSION"
marker="$install_dir/.layer-lens-install-complete"

log() { echo "setup-code-server: $*" >&2; }

missing_packages() {
  local name status
  for name in "${SYSTEM_PACKAGES[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$name" 2>/dev/null || true)"
    if [[ "$status" != "install ok installed" ]]; then
      echo "$name"
    fi
  done
}

install_system_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  if [[ ${#missing[@]} -eq 0 ]]; then
    return
  fi
  if [[ "$(id -u)" -ne 0 ]]; then
    log "missing Debian packages: ${missing[*]}. Install them as root, then run this script again:"
    echo "sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  log "installing Debian packages: ${missing[*]}"
  # Another apt-get may hold the dpkg lock (unattended upgrades, a parallel job), so wait
  # for it instead of failing at once.
  local wait_for_lock=(-o DPkg::Lock::Timeout=600)
  DEBIAN_FRONTEND=noninteractive apt-get "${wait_for_lock[@]}" update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get "${wait_for_lock[@]}" install -y -q \
    --no-install-recommends "${missing[@]}" >&2
}

seed_ripgrep_cache() {
  local cache_dir staging
  cache_dir="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
  if [[ -s "$cache_dir/$RIPGREP_ARCHIVE" ]]; then
    return
  fi
  mkdir -p "$cache_dir"
  staging="$(mktemp -d)"
  cp "$(command -v rg)" "$staging/rg"
  tar -czf "$cache_dir/$RIPGREP_ARCHIVE" -C "$staging" rg
  rm -rf "$staging"
}

install_code_server() {
  # A folder without the marker is a failed or interrupted install, so start it afresh.
  rm -rf "$install_dir"
  mkdir -p "$install_dir"
  log "installing code-server $CODE_SERVER_VERSION into $install_dir (takes a few minutes)"
  # npm_config_yes lets a nested `npx node-gyp` run without a prompt; npm_config_unsafe_perm
  # lets code-server's post-install script run as root.
  npm_config_yes=true npm_config_unsafe_perm=true \
    npm install --no-audit --no-fund --save-exact --prefix "$install_dir" \
    "code-server@$CODE_SERVER_VERSION" >&2
  # The post-install script installs VS Code's own modules and ends by linking
  # node_modules.asar. npm versions that skip dependency install scripts finish without
  # error but leave a code-server that cannot start, so check for the link.
  if [[ ! -e "$install_dir/node_modules/code-server/lib/vscode/node_modules.asar" ]]; then
    log "code-server's post-install script did not run; allow it with" \
      "npm_config_allow_scripts=code-server,argon2 and run this script again"
    exit 1
  fi
  touch "$marker"
}

main() {
  if [[ -f "$marker" && -x "$install_dir/node_modules/.bin/code-server" ]]; then
    install_system_packages
    echo "$install_dir"
    return
  fi
  install_system_packages
  seed_ripgrep_cache
  install_code_server
  echo "$install_dir"
}

main "$@"
