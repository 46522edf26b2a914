"""Assemble the imported catalog from sheet results, cover data and own-export metadata.

Domains are identified by template id (pilot domains, aliases resolved) or by folded
name (user-defined domains, ids "custom-N"); items of the same domain found on several
sheets or sections are joined in reading order.
"""

from __future__ import annotations

from dataclasses import dataclass

from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.templates import DomainTemplate
from zwgk_desktop.core.text import fold
from zwgk_desktop.core.xlsx.cover import NOT_INVOLVED, CoverInfo
from zwgk_desktop.core.xlsx.domainmatch import custom_name, match_domain
from zwgk_desktop.core.xlsx.records import SheetResult
from zwgk_desktop.core.xlsx.result import ImportNote, NoteLevel

_META_FIELDS = ("unit", "region", "year", "contact", "date")


@dataclass
class _Entry:
    domain: Domain
    expected: int | None = None  # item count the cover states
    cover_row: tuple[str, int] | None = None  # sheet, row of the cover line
    gaps: set[str] | None = None  # fields whose column could not be read (see records)


class CatalogBuilder:
    def __init__(self, notes: list[ImportNote]) -> None:
        self.notes = notes
        self.entries: dict[str, _Entry] = {}
        self.meta: dict[str, str] = {}
        self.meta_source: dict[str, str] = {}
        self.levels: list[str] = []
        self.saw_levels = False
        self._custom = 0
        self._last: _Entry | None = None
        self.typed: dict[int, set[str]] = {}  # id(item) -> fields read from typed cells

    def note(
        self, sheet: str, row: int | None, domain: str, level: NoteLevel, message: str
    ) -> None:
        prefix = f"第{row}行：" if row is not None else ""
        self.notes.append(ImportNote(sheet, row, domain, level, prefix + message))

    # ------------------------------------------------------------ domains

    def _key(self, name: str, template: DomainTemplate | None) -> str:
        return f"t:{template.id}" if template is not None else f"c:{fold(name)}"

    def entry(self, name: str, template: DomainTemplate | None, sheet: str = "") -> _Entry:
        key = self._key(name, template)
        found = self.entries.get(key)
        if found is None and template is not None:  # e.g. an own-export domain, keyed by index
            found = next((e for e in self.entries.values() if e.domain.id == template.id), None)
        if found is not None:
            return found
        if template is not None:
            domain = Domain(template.id, template.name, aliases=list(template.aliases), pilot=True)
        else:
            self._custom += 1
            domain = Domain(self._unique_custom_id(), name, pilot=False)
            self.note(
                sheet, None, name, "guess", f"“{name}”不是 26 个试点领域之一，已作为自定义领域导入"
            )
        entry = self.entries[key] = _Entry(domain)
        return entry

    def _unique_custom_id(self) -> str:
        ids = {e.domain.id for e in self.entries.values()}
        n = self._custom
        while f"custom-{n}" in ids:
            n += 1
        return f"custom-{n}"

    def payload_entry(self, index: int, source: Domain) -> _Entry:
        """The entry of own-export domain ``index``, created with the metadata's identity."""
        key = f"p:{index}"
        entry = self.entries.get(key)
        if entry is None:
            domain = Domain(
                source.id, source.name, aliases=list(source.aliases), pilot=source.pilot
            )
            domain.not_involved, domain.note = source.not_involved, source.note
            entry = self.entries[key] = _Entry(domain)
        return entry

    def take_domain(self, index: int, source: Domain) -> None:
        """Items taken whole from own-export metadata (the domain's sheet is unchanged)."""
        self.payload_entry(index, source).domain.items.extend(source.items)

    def add_hinted(self, index: int, source: Domain, result: SheetResult, sheet: str) -> None:
        """Items read from an edited own-export sheet; identity from the metadata."""
        entry = self.payload_entry(index, source)
        self.typed.update(result.typed)
        for n, section in enumerate(result.sections):
            if n == 0:
                entry.domain.items.extend(section.items)
                _add_gaps(entry, section.gaps)
            else:
                self._add_section(section.label, section.template, section.items, sheet)
                _add_gaps(self._last, section.gaps)
        self._merge_sheet_meta(result, sheet)

    def add_sheet(self, result: SheetResult, sheet: str) -> None:
        self.typed.update(result.typed)
        for section in result.sections:
            self._add_section(section.label, section.template, section.items, sheet)
            _add_gaps(self._last, section.gaps)
        self._merge_sheet_meta(result, sheet)

    def _add_section(
        self, label: str, template: DomainTemplate | None, items: list[Item], sheet: str
    ) -> None:
        name = label if template is not None else custom_name(label, self.meta.get("unit", ""))
        entry = self.entry(name, template, sheet)
        entry.domain.items.extend(items)
        self._last = entry

    def _merge_sheet_meta(self, result: SheetResult, sheet: str) -> None:
        for key, value in result.meta.items():
            self.set_meta(key, value, sheet)
        if result.unit_guess and "unit" not in self.meta:
            self.set_meta("unit", result.unit_guess, sheet)
            self.note(sheet, None, "", "guess", f"单位名称取自标题：“{result.unit_guess}”")
        if result.year_guess and "year" not in self.meta:
            self.set_meta("year", result.year_guess, sheet)
            self.note(sheet, None, "", "guess", f"年度/版本取自标题：“{result.year_guess}”")
        if result.found_header:
            self.saw_levels = self.saw_levels or bool(result.levels)
            for level in result.levels:
                if level not in self.levels:
                    self.levels.append(level)
        for text, note, row in result.not_involved:
            template = match_domain(text)
            entry = self.entry(text if template else custom_name(text), template, sheet)
            entry.domain.not_involved = True
            entry.domain.note = note
            self.note(
                sheet, row, entry.domain.name, "guess", f"“{entry.domain.name}”按未涉及领域读取"
            )

    def set_meta(self, key: str, value: str, sheet: str) -> None:
        if key in _META_FIELDS and value and key not in self.meta:
            self.meta[key] = value
            self.meta_source[key] = sheet

    # ------------------------------------------------------------ cover

    def add_cover(self, cover: CoverInfo, sheet: str, known: list[Domain] | None = None) -> None:
        """Meta and domain table of a cover; ``known`` are own-export domains to match by name."""
        for key, value in cover.meta.items():
            self.set_meta(key, value, sheet)
        unmatched = dict(enumerate(known or []))
        for name, count, note, row in cover.domains:
            index = next((i for i, d in unmatched.items() if fold(d.name) == fold(name)), None)
            if index is not None:
                entry = self.payload_entry(index, unmatched.pop(index))
                entry.domain.not_involved, entry.domain.note = False, ""
            else:
                template = match_domain(name)
                entry = self.entry(name if template else custom_name(name), template, sheet)
            entry.expected = count
            entry.cover_row = (sheet, row + 1)
            if note:
                entry.domain.not_involved = True
                entry.domain.note = "" if fold(note) == NOT_INVOLVED else note

    # ------------------------------------------------------------ result

    def gaps(self) -> dict[str, set[str]]:
        """Domain id -> fields the importer could not read (after :meth:`build`)."""
        found: dict[str, set[str]] = {}
        for entry in self.entries.values():
            if entry.gaps:
                found.setdefault(entry.domain.id, set()).update(entry.gaps)
        return found

    def cell_gaps(self) -> dict[str, set[tuple[int, str]]]:
        """Domain id -> (item number, 1-based, and field) read from a cell the workbook
        holds as a number or a date (after :meth:`build`)."""
        found: dict[str, set[tuple[int, str]]] = {}
        if not self.typed:
            return found
        for entry in self.entries.values():
            for n, item in enumerate(entry.domain.items, start=1):
                for key in self.typed.get(id(item), ()):
                    found.setdefault(entry.domain.id, set()).add((n, key))
        return found

    def build(self, base_meta: CatalogMeta | None = None) -> Catalog:
        meta = CatalogMeta()
        if base_meta is not None:
            meta = CatalogMeta.from_dict(base_meta.to_dict())
            meta.date, meta.levels = base_meta.date, list(base_meta.levels)
            meta.source = dict(base_meta.source)
        for key in _META_FIELDS:
            if key in self.meta:
                setattr(meta, key, self.meta[key])
        if base_meta is None:
            meta.levels = list(self.levels)
        else:
            meta.levels += [lv for lv in self.levels if lv not in meta.levels]
        domains: list[Domain] = []
        position = {k: n for n, k in enumerate(self.entries)}
        keys = sorted(
            self.entries,
            key=lambda k: (0, int(k[2:])) if k.startswith("p:") else (1, position[k]),
        )
        for entry in (self.entries[k] for k in keys):
            domain = entry.domain
            if domain.not_involved and domain.items:
                self.note(
                    "",
                    None,
                    domain.name,
                    "warning",
                    f"“{domain.name}”标为未涉及，但读到 {len(domain.items)} 个事项，按涉及处理",
                )
                domain.not_involved = False
            if (
                entry.expected is not None
                and entry.expected != len(domain.items)
                and not domain.not_involved
            ):
                sheet, row = entry.cover_row or ("", None)
                self.note(
                    sheet,
                    row,
                    domain.name,
                    "warning",
                    f"封面记载“{domain.name}”有 {entry.expected} 个事项，表格中读到 {len(domain.items)} 个",
                )
            domains.append(domain)
        if base_meta is None and not meta.unit:
            meta.unit = self._unit_from_subjects(domains)
        return Catalog(meta=meta, domains=domains)

    def _unit_from_subjects(self, domains: list[Domain]) -> str:
        """A township's own table often has no title but names itself as the 公开主体 of
        every item: that name is the unit (a guess, said as one); a county's table, whose
        items name many departments, gives none."""
        from zwgk_desktop.core.handdown import is_township  # only when the unit is missing

        subjects = {item.subject.strip() for domain in domains for item in domain.items}
        if len(subjects) != 1:
            return ""
        subject = subjects.pop()
        if not is_township(subject):
            return ""
        self.note("", None, "", "guess", f"单位名称取自各事项相同的公开主体：“{subject}”")
        return subject


def _add_gaps(entry: _Entry | None, gaps: set[str]) -> None:
    if entry is not None and gaps:
        entry.gaps = (entry.gaps or set()) | gaps
