"""The file suffixes read through :mod:`core.formats` (kept import-free: the xlsx reader and
the loader dispatch on it)."""

GRID_SUFFIXES = frozenset({".xls", ".et", ".ett", ".ods", ".csv", ".docx", ".html", ".htm"})
READABLE_SUFFIXES = (".xlsx", ".xls", ".et", ".ods", ".csv", ".docx", ".html", ".htm")
PATTERNS = " ".join(f"*{s}" for s in READABLE_SUFFIXES)
KINDS_TEXT = (
    "Excel（.xlsx/.xls）、WPS 表格（.et）、OpenDocument（.ods）、CSV、Word（.docx）或网页（.html）"
)
FILTER = f"目录表格、Word 文档和网页 ({PATTERNS})"
