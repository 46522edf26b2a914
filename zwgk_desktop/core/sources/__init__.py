"""The register of legal sources (``catalogs/sources.toml``): load, render, match, date.

Qt-free. Templates cite sources by key and get their 公开依据 text rendered from here; the
validator and ``zwgk sources`` recognise cited documents in any catalog cell and say which
are outdated on a given date.
"""

from zwgk_desktop.core.sources.active import (
    active_register,
    register_label,
    use_register,
    use_register_file,
)
from zwgk_desktop.core.sources.matcher import Citation, Matcher, matcher_for
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
from zwgk_desktop.core.sources.status import AsOf, Standing, as_of_for, standing

__all__ = [
    "KINDS",
    "AsOf",
    "Citation",
    "Matcher",
    "Standing",
    "active_register",
    "as_of_for",
    "matcher_for",
    "register_label",
    "standing",
    "use_register",
    "use_register_file",
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
