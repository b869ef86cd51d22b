# Sourced by the scripts that install what they need on a fresh machine:
# Debian or Ubuntu packages with apt, Rust targets with rustup.

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
apt_updated=""

# apt_install PACKAGE...: installs the packages quietly, updating the lists once.
apt_install() {
  if [ -z "$apt_updated" ]; then
    $sudo apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# need COMMAND WHAT PACKAGE...: installs the packages when COMMAND (or, when
# it holds a /, the file it names) is missing, saying WHAT they are for.
need() {
  local command="$1" what="$2"
  shift 2
  if [[ "$command" == */* ]] && [ -e "$command" ]; then return; fi
  if [[ "$command" != */* ]] && command -v "$command" >/dev/null 2>&1; then return; fi
  echo "Installing $what..." >&2
  apt_install "$@"
}

# need_target TRIPLE...: adds the Rust targets that are not installed yet.
need_target() {
  local installed
  installed="$(rustup target list --installed)"
  for target in "$@"; do
    if ! grep -qx "$target" <<<"$installed"; then
      rustup target add "$target"
    fi
  done
}
