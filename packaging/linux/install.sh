#!/usr/bin/env bash
# Install the zwgk-desktop Linux bundle for the current user (no root needed), for UOS,
# Kylin and other freedesktop desktops: copies the bundle, adds a menu entry, icons, the
# .zwgk file type and the zwgk / zwgk-desktop commands.
#
#   ./share/install.sh                 # from inside the unpacked bundle
#   ./share/install.sh --uninstall     # remove the program again
#   PREFIX=/usr/local sudo -E ./share/install.sh   # for all users
#
# Uninstalling removes only the program files and menu entries. It never touches the user's
# catalogs (*.zwgk), exports, settings or recovery copies (~/.local/share/zwgk-desktop).
set -euo pipefail

BUNDLE="$(cd "$(dirname "$0")/.." && pwd)"
PREFIX="${PREFIX:-$HOME/.local}"
DATA="${XDG_DATA_HOME:-$PREFIX/share}"
if [ "$PREFIX" != "$HOME/.local" ]; then DATA="$PREFIX/share"; fi
APPDIR="$PREFIX/opt/zwgk-desktop"
BINDIR="$PREFIX/bin"
ICONS="$DATA/icons/hicolor"
SIZES="16 24 32 48 64 128 256"
MIME="application/x-zwgk-catalog"
MIME_ICON="application-x-zwgk-catalog"

refresh() {
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
  command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" >/dev/null || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -f -t "$ICONS" || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$APPDIR"
  rm -f "$BINDIR/zwgk-desktop" "$BINDIR/zwgk"
  rm -f "$DATA/applications/zwgk-desktop.desktop" "$DATA/mime/packages/zwgk-desktop.xml"
  for size in $SIZES; do
    rm -f "$ICONS/${size}x${size}/apps/zwgk-desktop.png" "$ICONS/${size}x${size}/mimetypes/$MIME_ICON.png"
  done
  rm -f "$ICONS/scalable/apps/zwgk-desktop.svg" "$ICONS/scalable/mimetypes/$MIME_ICON.svg"
  refresh
  echo "已卸载政务公开标准目录编制工具。您的目录文件和设置均已保留。"
  exit 0
fi

if [ ! -x "$BUNDLE/zwgk-desktop" ]; then
  echo "安装包不完整：找不到 $BUNDLE/zwgk-desktop" >&2
  exit 2
fi

# Program files: replace the previous version as a whole (stale libraries would linger).
mkdir -p "$PREFIX/opt" "$BINDIR"
if [ "$BUNDLE" != "$APPDIR" ]; then
  rm -rf "$APPDIR.new"
  cp -a "$BUNDLE" "$APPDIR.new"
  rm -rf "$APPDIR"
  mv "$APPDIR.new" "$APPDIR"
fi
ln -sf "$APPDIR/zwgk-desktop" "$BINDIR/zwgk-desktop"
ln -sf "$APPDIR/zwgk" "$BINDIR/zwgk"

# Menu entry with absolute paths (~/.local/bin is not on PATH in every desktop session).
mkdir -p "$DATA/applications"
sed -e "s|^Exec=zwgk-desktop|Exec=\"$APPDIR/zwgk-desktop\"|" \
    -e "s|^TryExec=.*|TryExec=$APPDIR/zwgk-desktop|" \
    "$BUNDLE/share/zwgk-desktop.desktop" > "$DATA/applications/zwgk-desktop.desktop"

# Icons: application and document, every size plus the scalable SVG.
for size in $SIZES; do
  mkdir -p "$ICONS/${size}x${size}/apps" "$ICONS/${size}x${size}/mimetypes"
  cp "$BUNDLE/share/zwgk-$size.png" "$ICONS/${size}x${size}/apps/zwgk-desktop.png"
  cp "$BUNDLE/share/zwgk-document-$size.png" "$ICONS/${size}x${size}/mimetypes/$MIME_ICON.png"
done
mkdir -p "$ICONS/scalable/apps" "$ICONS/scalable/mimetypes"
cp "$BUNDLE/share/zwgk.svg" "$ICONS/scalable/apps/zwgk-desktop.svg"
cp "$BUNDLE/share/zwgk-document.svg" "$ICONS/scalable/mimetypes/$MIME_ICON.svg"

# The .zwgk file type, opened by this program by default.
mkdir -p "$DATA/mime/packages"
cp "$BUNDLE/share/zwgk-desktop-mime.xml" "$DATA/mime/packages/zwgk-desktop.xml"
refresh
if command -v xdg-mime >/dev/null && [ "$PREFIX" = "$HOME/.local" ]; then
  xdg-mime default zwgk-desktop.desktop "$MIME" || true
fi

echo "已安装到 $APPDIR"
echo "开始菜单：办公 → 政务公开标准目录编制工具；命令行：$BINDIR/zwgk"
case ":$PATH:" in
  *":$BINDIR:"*) ;;
  *) echo "提示：$BINDIR 不在 PATH 中，命令行请使用完整路径 $APPDIR/zwgk" ;;
esac
