#!/usr/bin/env bash
# Build the Linux bundle: dist/zwgk-desktop/ (two executables, zwgk-desktop and zwgk, one
# shared runtime) and dist/zwgk-desktop-<version>-linux-<arch>.tar.gz ready to copy to a
# UOS/Kylin office PC. Run from anywhere; uses the project venv (.venv) and installs
# PyInstaller into it if missing.
#
#   bash packaging/build.sh            # build + tarball
#   PYTHON=/path/to/python bash packaging/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"

if [ ! -x "$PYTHON" ]; then
  echo "找不到 Python：$PYTHON（请先运行 scripts/bootstrap.sh）" >&2
  exit 2
fi
for tool in objdump readelf ldd; do  # PyInstaller and check_bundle.sh read ELF files with these
  command -v "$tool" >/dev/null || { echo "缺少 $tool：请先安装 binutils（apt-get install binutils）" >&2; exit 2; }
done
if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
  echo "== 安装 PyInstaller / installing PyInstaller into the venv"
  "$PYTHON" -m pip install -q "pyinstaller>=6.10"
fi

VERSION="$("$PYTHON" packaging/version.py)"
ARCH="$(uname -m)"
NAME="zwgk-desktop"
echo "== 构建 / building $NAME $VERSION ($ARCH)"

start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/zwgk.spec
end=$(date +%s)

BUNDLE="dist/$NAME"
# Desktop integration files travel with the bundle; packaging/linux/install.sh uses them.
mkdir -p "$BUNDLE/share"
cp packaging/linux/zwgk-desktop.desktop packaging/linux/zwgk-desktop-mime.xml \
  packaging/linux/install.sh "$BUNDLE/share/"
cp resources/icons/zwgk.svg resources/icons/zwgk-document.svg "$BUNDLE/share/"
for size in 16 24 32 48 64 128 256; do
  cp "resources/icons/zwgk-$size.png" "resources/icons/zwgk-document-$size.png" "$BUNDLE/share/"
done
chmod +x "$BUNDLE/share/install.sh"
echo "$VERSION" > "$BUNDLE/VERSION"

TARBALL="dist/$NAME-$VERSION-linux-$ARCH.tar.gz"
tar -C dist -czf "$TARBALL" "$NAME"
echo "== 完成 / done in $((end - start)) s: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1)), $TARBALL ($(du -sh "$TARBALL" | cut -f1))"
