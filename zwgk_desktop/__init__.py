"""政务公开标准目录编制工具 (zwgk-desktop)."""

__version__ = "0.1.0"
APP_NAME = "政务公开标准目录编制工具"
