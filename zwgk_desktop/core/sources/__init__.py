"""The register of legal sources (``catalogs/sources.toml``): load, render, match, date.

Qt-free. Templates cite sources by key and get their 公开依据 text rendered from here; the
validator and ``zwgk sources`` recognise cited documents in any catalog cell and say which
are outdated on a given date.
"""

from zwgk_desktop.core.sources.register import (
    KINDS,
    STATUSES,
    Register,
    RegisterError,
    Source,
    bundled_register,
    bundled_register_path,
    load_register,
)
from zwgk_desktop.core.sources.render import BasisRef, parse_refs, render_basis

__all__ = [
    "KINDS",
    "STATUSES",
    "BasisRef",
    "Register",
    "RegisterError",
    "Source",
    "bundled_register",
    "bundled_register_path",
    "load_register",
    "parse_refs",
    "render_basis",
]
