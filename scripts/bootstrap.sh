#!/usr/bin/env bash
# Set up everything zwgk-desktop needs on a fresh Debian/Ubuntu machine (idempotent):
# the system libraries Qt needs (offscreen and X11), a CJK font, binutils for the
# PyInstaller bundle check, LibreOffice/poppler for
# the print checks when ZWGK_WITH_OFFICE=1, a virtualenv in .venv, and the package itself.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

APT_PACKAGES=(
  python3 python3-venv python3-pip
  libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxkbcommon-x11-0
  fonts-wqy-microhei poppler-utils binutils
)
if [ "${ZWGK_WITH_OFFICE:-0}" = "1" ] && ! command -v soffice >/dev/null 2>&1; then
  APT_PACKAGES+=(libreoffice-calc-nogui)
fi
# Print and page checks (issue 15): Carlito (Calibri's metrics) so LibreOffice measures
# column widths as Excel does; Chromium and npm for the published page's browser tests.
if [ "${ZWGK_WITH_OFFICE:-0}" = "1" ]; then
  APT_PACKAGES+=(fonts-crosextra-carlito chromium)
  command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(npm)
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# apt-get that waits (bounded) while another program — an automatic update, a software
# centre — holds the package manager's lock, instead of giving up at once.
APT_WAIT_SECONDS="${ZWGK_APT_WAIT_SECONDS:-600}"
apt_get() {
  local waited=0 log
  log="$(mktemp)"
  while true; do
    if DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=60 "$@" >"$log" 2>&1; then
      rm -f "$log"
      return 0
    fi
    if grep -qiE "could not get lock|unable to acquire|is another process using it|锁" "$log" \
      && [ "$waited" -lt "$APT_WAIT_SECONDS" ]; then
      echo "== 另一个程序正在使用软件包管理器（apt），等待其完成…（已等待 ${waited} 秒，最多 ${APT_WAIT_SECONDS} 秒）"
      sleep 15
      waited=$((waited + 75))
      continue
    fi
    cat "$log" >&2
    rm -f "$log"
    if [ "$waited" -ge "$APT_WAIT_SECONDS" ]; then
      echo "== 软件包管理器一直被另一个程序占用，请等它结束后重新运行本命令" >&2
    fi
    return 1
  done
}

if [ ${#missing[@]} -gt 0 ]; then
  echo "== 安装系统依赖 / installing system packages: ${missing[*]}"
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "== 创建虚拟环境 / creating .venv"
  "$PYTHON" -m venv .venv
fi
echo "== 安装 zwgk-desktop / installing the package"
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e '.[test,package]' 2>&1 | grep -v -E "^WARNING: Location .* is ignored" || true
if [ "${ZWGK_WITH_OFFICE:-0}" = "1" ] && [ ! -f .cache/node_modules/axe-core/axe.min.js ]; then
  echo "== 安装 axe-core（网页无障碍检查）/ installing axe-core into .cache (git-ignored)"
  mkdir -p .cache && npm install --prefix .cache --no-save --no-audit --no-fund axe-core >/dev/null
fi
.venv/bin/python -c "import zwgk_desktop, PySide6; print('zwgk-desktop', zwgk_desktop.__version__, '/ PySide6', PySide6.__version__)"
