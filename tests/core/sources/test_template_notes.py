"""Template notes must tell the truth the register holds.

The templates' ``notes`` record what the audit checked. They name register documents in
prose ("……原文未核到（登记 verified = false）", "……已按文本核对"), so a later check of the
register used to leave them stale. The notes are not rendered by code (they are read in the
TOML files), hence this guard: every clause of a note that states a verification status is
compared with the register entries it names.

Rules, per clause (split at 。；，outside brackets):
- "not verified" (未核到/未核实/未核对/未在公开文本中…/verified = false) about the document as a
  whole: every named entry must have ``verified = false``;
  "登记 verified = false" always speaks of the entry, even after a detail ("文号未核到");
- "the date was not found" (…日期未核到): the named entries must have no full date of that
  kind (a month only, "2015-01", still leaves the day unknown);
- "verified" (已核对/已核实/已核到/经审计确认/verified = true): every named entry must have
  ``verified = true``;
- a clause that states both at once is ambiguous and must be split;
- a clause that states a status may only name numbers the register holds or a template's
  guideline number, written in full (else the claim cannot be checked: 住建部令第11号 for
  住房和城乡建设部令第11号, 民发〔2021〕57号、43号);
- "改引 X" / "依据改为 X": the first document named after it must be in force (现行有效).

And the other way round: every ``verified = false`` entry a template's items cite is named in
its notes with "登记册记为未核实", so the reader learns it and the note must change with it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from zwgk_desktop.core.sources import Register
from zwgk_desktop.core.sources.matcher import matcher_for, normalize
from zwgk_desktop.core.sources.register import Source, bundled_register, parse_register
from zwgk_desktop.core.sources.render import BasisRef
from zwgk_desktop.core.templates import DomainTemplate, all_templates

_UNVERIFIED_RE = re.compile(
    r"未能?(?:核到|核实|核对|查到|找到|见到)|未在(?:公开|所查)(?:文本|网页)中|verified=false"
)
_VERIFIED_RE = re.compile(
    r"已(?:在公开文本中)?(?:核对|核实|核到)|已按.{0,8}?文本核对|核对一致|经审计(?:确认|核对)"
    r"|与(?:法规)?原文一致|verified=true"
)
# A claim about the register entry itself, whatever detail the clause is about.
_REGISTER_UNVERIFIED_RE = re.compile(r"verified=false|(?:标|记)为未核实")
# Words before a "not found" that make it a claim about one detail, not the whole document.
_DETAIL_RE = re.compile(r"文号|日期|修订|修正|替代|取代|失效|天数|其后|是否")
_DATE_WORD_RE = re.compile(r"(施行|修订|修正)?日期")
_DATE_FIELD = {"施行": "effective", "修订": "revised", "修正": "revised", None: "adopted"}
_REPOINT_RE = re.compile(r"改引|改为引用|依据改为")
# Document numbers, and the shorthand that hides one ("令第712、673号", "57号、43号").
_NUMBER_TOKEN_RE = re.compile(
    r"\((?:19|20)\d\d\)\d+号|令第?\d+号|公告(?:19|20)\d\d年第?\d+号|GB/?T\d+(?:\.\d+)?-\d{4}"
    r"|令第\d+(?:、\d+)+号|[号#]、第?\d+号"
)
_FULL_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_OPEN, _CLOSE = "(《", ")》"


def clauses(note: str) -> list[str]:
    """The note, normalised, cut at 。；，outside brackets (a bracket explains its clause)."""
    text = normalize(note)
    parts: list[str] = []
    depth = 0
    start = 0
    for k, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in "。；;，," and depth == 0:
            parts.append(text[start:k])
            start = k + 1
    parts.append(text[start:])
    return [p for p in parts if p]


@dataclass(frozen=True)
class Named:
    """A register entry named in a clause, at ``pos`` (normalised text)."""

    pos: int
    source: Source


def named_sources(clause: str, register: Register) -> list[Named]:
    """Entries named in a normalised clause: by number (as written) or by title."""
    found: dict[str, Named] = {}
    for source in register.sources.values():
        for number in source.numbers:
            pos = clause.find(normalize(number))
            if pos >= 0 and (source.key not in found or pos < found[source.key].pos):
                found[source.key] = Named(pos, source)
    for citation in matcher_for(register).cited(clause):
        if citation.source.key not in found:
            pos = clause.find(normalize(citation.found))
            found[citation.source.key] = Named(max(pos, 0), citation.source)
    return sorted(found.values(), key=lambda n: n.pos)


def _unknown_numbers(clause: str, register: Register, allowed: set[str]) -> list[str]:
    """Number-like tokens of the clause that are neither register numbers nor allowed."""
    text = clause
    known = [normalize(n) for s in register.sources.values() for n in s.numbers]
    for number in sorted([*known, *allowed], key=len, reverse=True):
        text = text.replace(number, "#" * len(number))
    return [clause[m.start() : m.end()] for m in _NUMBER_TOKEN_RE.finditer(text)]


def _detail(before: str) -> str:
    """The words between the last document named and a "not found" (e.g. "的印发日期")."""
    cut = max(before.rfind(")"), before.rfind("》"), before.rfind("号"))
    return before[cut + 1 :]


def _date_faults(detail: str, named: list[Named]) -> list[str]:
    words = list(_DATE_WORD_RE.finditer(detail))
    if not words:
        return []
    word = words[-1]  # the date nearest the "not found"
    field = _DATE_FIELD[word.group(1)]
    return [
        f"说{word.group(0)}未核到，但登记册 {n.source.key}.{field} = {getattr(n.source, field)}"
        for n in named
        if _FULL_DATE_RE.fullmatch(getattr(n.source, field))
    ]


def clause_faults(clause: str, register: Register, allowed: set[str]) -> list[str]:
    """What in one normalised clause disagrees with the register (empty when it agrees)."""
    named = named_sources(clause, register)
    unverified = _UNVERIFIED_RE.search(clause)
    verified = _VERIFIED_RE.search(clause)
    faults: list[str] = []
    if unverified and verified:
        return ["同一分句既说已核又说未核，请拆成两句"]
    if unverified or verified:
        faults += [
            f"无法对照登记册的文号：{t}" for t in _unknown_numbers(clause, register, allowed)
        ]
    if unverified:
        detail = _detail(clause[: unverified.start()])
        about_detail = _DETAIL_RE.search(detail) is not None
        if about_detail:
            faults += _date_faults(detail, named)
        if not about_detail or _REGISTER_UNVERIFIED_RE.search(clause):
            faults += [
                f"说未核实，但登记册 {n.source.key} verified = true"
                for n in named
                if n.source.verified
            ]
    if verified:
        faults += [
            f"说已核实，但登记册 {n.source.key} verified = false"
            for n in named
            if not n.source.verified
        ]
    repoint = _REPOINT_RE.search(clause)
    if repoint:
        target = next((n for n in named if n.pos >= repoint.end()), None)
        if target is not None and target.source.status != "现行有效":
            faults.append(f"改引的 {target.source.key} 在登记册中为{target.source.status}")
    return faults


def note_faults(note: str, register: Register, allowed: set[str]) -> list[str]:
    return [f"“{c}”：{f}" for c in clauses(note) for f in clause_faults(c, register, allowed)]


def _allowed() -> set[str]:
    """Guideline numbers: not register entries, but a note may say they were confirmed."""
    return {normalize(t.guideline) for t in all_templates() if t.guideline}


TEMPLATES = all_templates()


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.path.stem)
def test_template_notes_agree_with_the_register(template: DomainTemplate) -> None:
    register = bundled_register()
    allowed = _allowed()
    faults = [
        f"{template.path.name} notes[{n}] {fault}"
        for n, note in enumerate(template.notes)
        for fault in note_faults(note, register, allowed)
    ]
    assert not faults, "\n".join(faults)


def unflagged_unverified(template: DomainTemplate, register: Register) -> list[str]:
    """Unverified entries the template's items cite that no note calls 记为未核实."""
    cited = {ref.source for refs in template.basis_refs for ref in refs if ref.source}
    flagged = {
        n.source.key
        for note in template.notes
        for clause in clauses(note)
        if _REGISTER_UNVERIFIED_RE.search(clause)
        for n in named_sources(clause, register)
    }
    return sorted(k for k in cited if not register[k].verified and k not in flagged)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.path.stem)
def test_notes_name_every_unverified_document_the_items_cite(template: DomainTemplate) -> None:
    """A clerk reading the notes learns which cited documents are not yet checked; when one
    is checked, the first test above makes the note change with it."""
    missing = unflagged_unverified(template, bundled_register())
    assert not missing, f"{template.path.name}: notes should say 登记册记为未核实 for {missing}"


# The guard itself, on notes written the stale way, against a small fixed register (the
# bundled one will change as documents get checked).

SMALL = """
schema_version = 1
checked = "2026-12-06"

[[source]]
key = "township-cultural-station-measures"
title = "乡镇综合文化站管理办法"
numbers = ["文化部令第48号"]
kind = "部门规章"
adopted = "2009-09"
effective = "2009-10-01"
status = "现行有效"
checked = "2026-12-06"
checked_at = "https://example.org/48"
verified = true

[[source]]
key = "caishe-2014-113"
title = "关于建立健全经济困难的高龄 失能等老年人补贴制度的通知"
numbers = ["财社〔2014〕113号"]
kind = "规范性文件"
status = "现行有效"
checked = "2026-12-06"
verified = false

[[source]]
key = "minimum-living-allowance-review-confirmation-measures"
title = "最低生活保障审核确认办法"
numbers = ["民发〔2021〕57号"]
kind = "规范性文件"
adopted = "2021-06-11"
status = "现行有效"
checked = "2026-12-06"
checked_at = "https://example.org/57"
verified = true

[[source]]
key = "destitute-persons-identification-measures"
title = "特困人员认定办法"
numbers = ["民发〔2021〕43号"]
kind = "规范性文件"
status = "现行有效"
checked = "2026-12-06"
checked_at = "https://example.org/43"
verified = true

[[source]]
key = "employment-subsidy-funds-measures-2023"
title = "就业补助资金管理办法"
numbers = ["财社〔2023〕181号"]
kind = "规范性文件"
status = "被替代"
version = "2023"
replaced_by = "employment-subsidy-funds-measures"
checked = "2026-12-06"
checked_at = "https://example.org/181"
verified = true

[[source]]
key = "employment-subsidy-funds-measures"
title = "就业补助资金管理办法"
numbers = ["财社〔2026〕1号"]
kind = "规范性文件"
status = "现行有效"
checked = "2026-12-06"
checked_at = "https://example.org/1"
verified = true
"""


@pytest.fixture(scope="module")
def small() -> Register:
    return parse_register(SMALL, Path("small.toml"))


def _faults(note: str, register: Register) -> list[str]:
    return note_faults(note, register, set())


def test_a_note_calling_a_verified_entry_unverified_fails(small: Register) -> None:
    note = "乡镇综合文化站管理办法（文化部令第48号）原文本次未核到（登记 verified = false）。"
    assert _faults(note, small) == [
        "“乡镇综合文化站管理办法(文化部令第48号)原文本次未核到(登记verified=false)”："
        "说未核实，但登记册 township-cultural-station-measures verified = true"
    ]


def test_a_note_calling_an_unverified_entry_checked_fails(small: Register) -> None:
    faults = _faults("财社〔2014〕113号已按文本核对。", small)
    assert len(faults) == 1
    assert "caishe-2014-113 verified = false" in faults[0]


def test_the_truth_passes(small: Register) -> None:
    assert _faults("财社〔2014〕113号原文未核到（登记 verified = false）。", small) == []
    note = "文化部令第48号已在公开文本中核到；财社〔2014〕113号原文未核到。"
    assert _faults(note, small) == []


def test_a_date_claim_is_checked_against_the_register_dates(small: Register) -> None:
    faults = _faults("民发〔2021〕57号的印发日期未核到。", small)
    assert len(faults) == 1
    assert "adopted = 2021-06-11" in faults[0]
    # Verified, with no date in the register: a true date claim.
    assert _faults("民发〔2021〕43号的印发日期未核到。", small) == []
    # Only the month is known: the day still is not.
    assert _faults("文化部令第48号的印发日期未核到。", small) == []
    assert _faults("文化部令第48号的施行日期未核到。", small)


def test_an_abbreviated_number_in_a_claim_cannot_be_checked(small: Register) -> None:
    faults = _faults("住建部令第11号本轮未在公开文本中核对。", small)
    assert faults and "令第11号" in faults[0]


def test_shorthand_numbers_in_a_claim_cannot_be_checked(small: Register) -> None:
    assert _faults("国务院令第712、673号与法规原文一致。", small)
    assert _faults("民发〔2021〕57号、43号已在公开文本中核实。", small)
    assert _faults("民发〔2021〕57号、民发〔2021〕43号已在公开文本中核实。", small) == []


def test_a_clause_both_checked_and_unchecked_must_be_split(small: Register) -> None:
    faults = _faults("文化部令第48号已核对而财社〔2014〕113号未核到。", small)
    assert faults and "拆成两句" in faults[0]


def test_repointing_to_a_replaced_entry_fails(small: Register) -> None:
    faults = _faults("三项改引《就业补助资金管理办法》（财社〔2023〕181号）。", small)
    assert len(faults) == 1
    assert "employment-subsidy-funds-measures-2023" in faults[0]
    assert _faults("三项改引《就业补助资金管理办法》（财社〔2026〕1号）。", small) == []


def test_an_unverified_citation_missing_from_the_notes_is_found(small: Register) -> None:
    template = dataclasses.replace(
        TEMPLATES[0],
        notes=(),
        basis_refs=((BasisRef(source="caishe-2014-113"), BasisRef(source="caishe-2014-113")),),
    )
    assert unflagged_unverified(template, small) == ["caishe-2014-113"]
    said = dataclasses.replace(
        template, notes=("财社〔2014〕113号的题名、文号和日期均未核到（登记册记为未核实）。",)
    )
    assert unflagged_unverified(said, small) == []
    # Saying it without the register's words does not count.
    vague = dataclasses.replace(template, notes=("财社〔2014〕113号待核。",))
    assert unflagged_unverified(vague, small) == ["caishe-2014-113"]
