#!/usr/bin/env bash
# Build the Linux bundle and run it headless the way a user's PC would, so a missing data
# file, hidden import or Qt plugin is caught before a user meets it:
#   - both executables answer --version with the project version;
#   - zwgk lists the bundled templates, creates, validates and exports a catalog, and
#     batch-reviews a folder in two worker processes;
#   - zwgk-desktop --demo --screenshot renders the demo catalog to a PNG (offscreen Qt), and
#     --pdf writes its printed PDF in a child process;
#   - nothing unwanted was bundled (QtQml/QtQuick, test tools, foreign translations) and
#     every bundled Qt library finds the Qt libraries it links against;
#   - packaging/linux/install.sh installs and uninstalls it in a scratch prefix.
# It prints the bundle size and start times (the README quotes them).
#
#   bash packaging/check_bundle.sh              # build, then check
#   ZWGK_SKIP_BUILD=1 bash packaging/check_bundle.sh   # check an existing dist/zwgk-desktop
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"

if [ "${ZWGK_SKIP_BUILD:-0}" != "1" ]; then
  bash packaging/build.sh
fi
VERSION="$("$PYTHON" packaging/version.py)"
BUNDLE="$ROOT/dist/zwgk-desktop"
TARBALL="$ROOT/dist/zwgk-desktop-$VERSION-linux-$(uname -m).tar.gz"
[ -x "$BUNDLE/zwgk-desktop" ] && [ -x "$BUNDLE/zwgk" ] || { echo "FAIL: 没有找到构建结果 $BUNDLE" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/home" "$WORK/zwgk-home"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok   $*"; }

# Run like a user would: outside the checkout, no venv, no PYTHONPATH, a private profile.
run() {
  (cd "$WORK" && env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 \
    QT_QPA_PLATFORM=offscreen ZWGK_HOME="$WORK/zwgk-home" "$@")
}
now_ms() { date +%s%3N; }
# Median wall time in ms of three runs of a command (output discarded).
median_ms() {
  local times=() t0
  for _ in 1 2 3; do
    t0=$(now_ms); run "$@" >/dev/null 2>&1 || true; times+=($(($(now_ms) - t0)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 2p
}

# 1. --version on both entry points.
for exe in zwgk zwgk-desktop; do
  out="$(run "$BUNDLE/$exe" --version 2>&1)" || true
  if [[ "$out" == *"$VERSION"* ]]; then ok "$exe --version → $out"; else fail "$exe --version 输出：$out"; fi
done

# 2. The CLI reaches the bundled templates and can do a full round.
expected_templates=$(find catalogs -maxdepth 1 -name '[0-9][0-9]-*.toml' | wc -l)  # not sources.toml (the register)
domains_json="$(run "$BUNDLE/zwgk" domains --json 2>&1)" || true
found_templates=$("$PYTHON" -c '
import json, sys
data = json.loads(sys.stdin.read())
domains = data.get("domains", []) if isinstance(data, dict) else data
with_items = 0
for d in domains:
    counts = [v for k, v in d.items() if "item" in k and isinstance(v, int)]
    with_items += any(c > 0 for c in counts) or (not counts and bool(d.get("items")))
print(with_items)' <<<"$domains_json" 2>/dev/null || echo 0)
if [ "$found_templates" -ge 1 ] && [ "$found_templates" -ge "$expected_templates" ]; then
  ok "zwgk domains --json: $found_templates 个领域带模板（catalogs/ 中 $expected_templates 个）"
else
  fail "zwgk domains --json 只找到 $found_templates 个带模板的领域（应为 $expected_templates）：${domains_json:0:300}"
fi
if run "$BUNDLE/zwgk" new "$WORK/t.zwgk" --unit 示范镇 --domains all >/dev/null 2>"$WORK/new.err"; then
  ok "zwgk new"
else
  fail "zwgk new：$(cat "$WORK/new.err")"
fi
set +e
run "$BUNDLE/zwgk" validate "$WORK/t.zwgk" >/dev/null 2>"$WORK/validate.err"
rc=$?
set -e
if [ "$rc" -le 1 ]; then ok "zwgk validate (exit $rc)"; else fail "zwgk validate exit $rc：$(cat "$WORK/validate.err")"; fi
if run "$BUNDLE/zwgk" export "$WORK/t.zwgk" -o "$WORK/t.xlsx" >/dev/null 2>"$WORK/export.err" && [ -s "$WORK/t.xlsx" ]; then
  ok "zwgk export → xlsx ($(stat -c %s "$WORK/t.xlsx") bytes)"
else
  fail "zwgk export：$(cat "$WORK/export.err")"
fi

# 2b. Batch review in worker processes (a frozen build starts them through freeze_support).
mkdir -p "$WORK/batch"
for n in 1 2 3; do cp "$WORK/t.xlsx" "$WORK/batch/乡镇$n.xlsx" 2>/dev/null || true; done
cp "$WORK/t.zwgk" "$WORK/batch/乡镇4.zwgk" 2>/dev/null || true
set +e
batch_json="$(run "$BUNDLE/zwgk" review "$WORK/batch" --jobs 2 --json 2>"$WORK/batch.err")"
rc=$?
set -e
readable=$("$PYTHON" -c 'import json,sys; print(json.loads(sys.stdin.read())["summary"]["readable"])' <<<"$batch_json" 2>/dev/null || echo 0)
if [ "$rc" -le 1 ] && [ "$readable" = 4 ]; then
  ok "zwgk review 文件夹 --jobs 2（4 个文件可读，exit $rc）"
else
  fail "zwgk review --jobs 2 exit $rc，可读 $readable 个：$(tail -3 "$WORK/batch.err")"
fi

# 3. The GUI renders the demo catalog headless.
t0=$(now_ms)
set +e
run "$BUNDLE/zwgk-desktop" --demo --screenshot "$WORK/shot.png" >"$WORK/gui.out" 2>&1
rc=$?
set -e
first_shot_ms=$(($(now_ms) - t0))
if [ "$rc" = 0 ] && [ -s "$WORK/shot.png" ]; then
  dims=$("$PYTHON" -c 'import struct,sys; b=open(sys.argv[1],"rb").read(24); assert b[:8]==b"\x89PNG\r\n\x1a\n"; print("%dx%d" % struct.unpack(">II", b[16:24]))' "$WORK/shot.png")
  ok "zwgk-desktop --demo --screenshot → $dims PNG"
  mkdir -p "$ROOT/dist" && cp "$WORK/shot.png" "$ROOT/dist/bundle-screenshot.png"
else
  fail "zwgk-desktop --demo --screenshot exit $rc：$(tail -5 "$WORK/gui.out")"
fi
if grep -qi "could not load\|cannot load library\|Traceback" "$WORK/gui.out"; then
  fail "GUI 输出中有加载错误：$(grep -i "could not load\|cannot load library\|Traceback" "$WORK/gui.out" | head -3)"
fi

# 3b. 导出PDF runs in a child process (spawn through freeze_support in the frozen GUI).
set +e
run "$BUNDLE/zwgk-desktop" --demo --pdf "$WORK/demo.pdf" --channels compact >"$WORK/pdf.out" 2>&1
rc=$?
set -e
if [ "$rc" = 0 ] && head -c 5 "$WORK/demo.pdf" 2>/dev/null | grep -q '%PDF-'; then
  ok "zwgk-desktop --demo --pdf → $(grep -o '[0-9]* 页' "$WORK/pdf.out" | head -1) PDF"
else
  fail "zwgk-desktop --demo --pdf exit $rc：$(tail -5 "$WORK/pdf.out")"
fi

# 4. Bundle contents: nothing unwanted, nothing missing between Qt libraries.
INTERNAL="$BUNDLE/_internal"
unwanted=$(cd "$INTERNAL" && find . \( -name 'libQt6Qml*' -o -name 'libQt6Quick*' -o -name 'QtQml*' \
  -o -name 'QtQuick*' -o -name 'libQt6WebEngine*' -o -name 'libqtvirtualkeyboardplugin*' \
  -o -path '*/_pytest*' -o -path '*/hypothesis*' -o -path '*/pytestqt*' \) | head -5)
[ -z "$unwanted" ] && ok "无 QtQml/QtQuick/测试工具" || fail "不应打包：$unwanted"
translations=$(find "$INTERNAL" -path '*translations*' -name '*.qm' -printf '%f\n' | sort | tr '\n' ' ')
if [[ "$translations" == *"qtbase_zh_CN.qm"* ]] && [ "$(echo "$translations" | wc -w)" -le 2 ]; then
  ok "Qt 翻译：$translations"
else
  fail "Qt 翻译应只有 qtbase_zh_CN/qt_zh_CN：$translations"
fi
for name in catalogs resources; do
  [ -d "$INTERNAL/zwgk_desktop/_data/$name" ] && ok "数据目录 zwgk_desktop/_data/$name" || fail "缺少 zwgk_desktop/_data/$name"
done
# Every library a bundled binary links against is either in the bundle or one PyInstaller
# leaves to the OS (libc, libGL …); also report the newest glibc symbol version required.
elf_report="$("$PYTHON" - "$BUNDLE" <<'PYEOF'
import os, re, subprocess, sys
from PyInstaller.depend import dylib

bundle = sys.argv[1]
present, elfs = set(), []
for folder, _dirs, files in os.walk(bundle):
    for name in files:
        present.add(name)
        path = os.path.join(folder, name)
        if not os.path.islink(path):
            with open(path, "rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    elfs.append(path)
host = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout
missing, glibc = [], (0, 0)
for path in elfs:
    out = subprocess.run(["readelf", "-d", "-V", "--wide", path], capture_output=True, text=True).stdout
    for lib in re.findall(r"\(NEEDED\).*\[(.+?)\]", out):
        if lib in present or lib.startswith("ld-linux") or not dylib.include_library(lib):
            continue
        hint = "" if lib in host else "（构建机上也没有：请先安装它再构建，见 scripts/bootstrap.sh）"
        missing.append(f"{os.path.relpath(path, bundle)} → {lib}{hint}")
    for major, minor in re.findall(r"Name: GLIBC_(\d+)\.(\d+)", out):
        glibc = max(glibc, (int(major), int(minor)))
print(f"glibc={glibc[0]}.{glibc[1]} elfs={len(elfs)}")
for line in sorted(set(missing))[:10]:
    print("missing " + line)
PYEOF
)"
glibc_needed=$(echo "$elf_report" | head -1 | sed -E 's/glibc=([0-9.]+).*/\1/')
missing_libs=$(echo "$elf_report" | grep '^missing' || true)
[ -z "$missing_libs" ] && ok "所有二进制的依赖库齐全 ($(echo "$elf_report" | head -1))" || fail "打包缺少依赖库：$missing_libs"
dangling=$(find "$BUNDLE" -xtype l | head -3)
[ -z "$dangling" ] && ok "无断开的符号链接" || fail "断开的符号链接：$dangling"

# 5. Per-user install and uninstall in a scratch prefix.
PREFIX_DIR="$WORK/prefix"
if env HOME="$WORK/home" PREFIX="$PREFIX_DIR" XDG_DATA_HOME= bash "$BUNDLE/share/install.sh" >"$WORK/install.out" 2>&1 \
  && [ -x "$PREFIX_DIR/opt/zwgk-desktop/zwgk" ] \
  && [ -f "$PREFIX_DIR/share/applications/zwgk-desktop.desktop" ] \
  && [ -f "$PREFIX_DIR/share/icons/hicolor/48x48/apps/zwgk-desktop.png" ] \
  && [ -f "$PREFIX_DIR/share/mime/packages/zwgk-desktop.xml" ] \
  && [[ "$(run "$PREFIX_DIR/bin/zwgk" --version 2>&1)" == *"$VERSION"* ]]; then
  ok "install.sh 安装（菜单项、图标、文件类型、命令）"
else
  fail "install.sh：$(tail -3 "$WORK/install.out")"
fi
touch "$WORK/home/我的目录.zwgk"
env HOME="$WORK/home" PREFIX="$PREFIX_DIR" XDG_DATA_HOME= bash "$PREFIX_DIR/opt/zwgk-desktop/share/install.sh" --uninstall >/dev/null 2>&1 || true
if [ ! -e "$PREFIX_DIR/opt/zwgk-desktop" ] && [ ! -e "$PREFIX_DIR/bin/zwgk" ] \
  && [ ! -e "$PREFIX_DIR/share/applications/zwgk-desktop.desktop" ] && [ -f "$WORK/home/我的目录.zwgk" ]; then
  ok "install.sh --uninstall（用户文件保留）"
else
  fail "install.sh --uninstall 未清理干净或删了用户文件"
fi

# 6. Figures.
bundle_bytes=$(du -sb "$BUNDLE" | cut -f1)
tar_bytes=$(stat -c %s "$TARBALL" 2>/dev/null || echo 0)
cli_ms=$(median_ms "$BUNDLE/zwgk" --version)
gui_version_ms=$(median_ms "$BUNDLE/zwgk-desktop" --version)
shot_ms=$(median_ms "$BUNDLE/zwgk-desktop" --demo --screenshot "$WORK/shot2.png")
echo
echo "== 打包检查 / bundle check: zwgk-desktop $VERSION, $(uname -m), built with glibc $(ldd --version | head -1 | grep -oE '[0-9]+\.[0-9]+$')"
echo "needs glibc        >= $glibc_needed"
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
echo "bundle folder      $(mb "$bundle_bytes") MB ($(find "$BUNDLE" -type f | wc -l) files)"
echo "tar.gz             $(mb "$tar_bytes") MB"
printf 'zwgk --version     %6d ms (median of 3)\n' "$cli_ms"
printf 'zwgk-desktop --version %2d ms (median of 3)\n' "$gui_version_ms"
printf 'demo + screenshot  %6d ms (median of 3; first run %d ms)\n' "$shot_ms" "$first_shot_ms"
if [ "$failures" -gt 0 ]; then
  echo "== $failures 项检查失败 / $failures check(s) failed" >&2
  exit 1
fi
echo "== 全部通过 / all checks passed"
