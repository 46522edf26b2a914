#!/usr/bin/env bash
# Set up (scripts/bootstrap.sh) and start the desktop app on the bundled demo catalog.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
if [ "$(uname -s)" = "Linux" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] \
  && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  cat >&2 <<'MSG'
== 已安装完毕，但这台电脑没有图形桌面（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开窗口。
   请在桌面环境中运行本命令；在没有显示器的服务器上，可以：
   · 用虚拟显示运行：apt-get install xvfb，然后 xvfb-run -a bash scripts/run-demo.sh
   · 只截图不显示：.venv/bin/zwgk-desktop --demo --screenshot 截图.png
   · 改用命令行：.venv/bin/zwgk --help（或先 source .venv/bin/activate，再直接用 zwgk）
MSG
  exit 2
fi
exec .venv/bin/zwgk-desktop --demo "$@"
