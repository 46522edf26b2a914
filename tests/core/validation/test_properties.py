"""No input string crashes a rule, and every issue stays well-formed."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vcatalogs import small_catalog

from zwgk_desktop.core.fields import FIELDS
from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.text import fold
from zwgk_desktop.core.validation import RULES, Severity, validate_catalog
from zwgk_desktop.core.validation.textutil import ILLEGAL_CHARS_RE, fast_fold, squash

# Text biased towards what the rules look for: brackets, digits, CJK, the trigger words.
_PIECES = st.sampled_from(
    [
        "《",
        "》",
        "〔",
        "〕",
        "(",
        ")",
        "[",
        "]",
        "【",
        "】",
        "号",
        "令第",
        "第",
        "492",
        "711",
        "2016",
        "个工作日",
        "之日起",
        "尽快",
        "同上",
        "XX",
        "××",
        "某某",
        "体育",
        "彩票",
        "老虎机",
        "app官网",
        "政府服务中心",
        "其他",
        "依申请",
        "特定群体",
        "\x00",
        "\x0b",
        "\ud800",
        "\n",
        " ",
        "　",
    ]
)
TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=12).map("".join),
)
CHOICES = st.lists(
    st.one_of(
        TEXT, st.sampled_from(["主动", "依申请", "全社会", "特定群体", "县级", "村级", "政府网站"])
    ),
    max_size=4,
)


@st.composite
def items(draw: st.DrawFn) -> Item:
    item = Item()
    for spec in FIELDS:
        item.set(spec.key, draw(CHOICES) if spec.is_choice else draw(TEXT))
    return item


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    domains = []
    for n in range(draw(st.integers(0, 3))):
        domains.append(
            Domain(
                id=draw(st.sampled_from(["a", "b", "", f"d{n}"])),
                name=draw(TEXT),
                items=draw(st.lists(items(), max_size=4)),
                not_involved=draw(st.booleans()),
                note=draw(TEXT),
            )
        )
    meta = CatalogMeta(
        unit=draw(TEXT), year=draw(TEXT), region=draw(TEXT), levels=draw(st.lists(TEXT, max_size=3))
    )
    return Catalog(meta=meta, domains=domains)


def _well_formed(catalog: Catalog) -> None:
    result = validate_catalog(catalog)
    assert sum(result.counts.values()) == len(result.issues)
    for issue in result.issues:
        assert issue.rule in RULES
        assert issue.severity is RULES[issue.rule].severity
        assert isinstance(issue.severity, Severity)
        assert issue.message and "\n" not in issue.message
        assert ILLEGAL_CHARS_RE.search(issue.message) is None, (
            "messages must be printable and xlsx-safe"
        )
        issue.to_json()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_no_catalog_crashes_the_rules(catalog: Catalog) -> None:
    _well_formed(catalog)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([spec.key for spec in FIELDS]), st.data())
def test_any_value_in_any_field_of_a_clean_item(key: str, data: st.DataObject) -> None:
    catalog = small_catalog()
    spec = next(s for s in FIELDS if s.key == key)
    catalog.domains[0].items[1].set(key, data.draw(CHOICES if spec.is_choice else TEXT))
    _well_formed(catalog)


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        TEXT,
        st.text(alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0xFFFF), max_size=20),
    )
)
def test_fast_fold_is_fold(text: str) -> None:
    assert fast_fold(text) == fold(text)
    squashed = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    assert squash(text) == unicodedata.normalize("NFKC", squashed)
