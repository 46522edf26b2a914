"""Turn one sheet's rows into domain sections of items, reporting every guess.

Handles what hand-made catalogs contain: titles and template lines above the header,
headers repeated further down, section titles "（二）XX领域…" starting a new domain,
vertical merges (forward-filled), records printed over several physical rows (joined),
"同上" (resolved from the item above), whole-row group titles, notes, a 未涉及 section, and
flat tables with a 领域 column (taken literally, row by row).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from zwgk_desktop.core.fields import FIELD_BY_KEY
from zwgk_desktop.core.model import Item
from zwgk_desktop.core.templates import DomainTemplate
from zwgk_desktop.core.text import clean_cell, fold
from zwgk_desktop.core.vocab import CHANNELS, KNOWN_EXTRA_CHANNELS
from zwgk_desktop.core.xlsx.cellvalues import (
    apply_ditto,
    apply_value,
    clean_text,
    field_label,
    has_content,
    is_ditto,
    preview,
)
from zwgk_desktop.core.xlsx.cover import meta_from_text
from zwgk_desktop.core.xlsx.domainmatch import (
    custom_name,
    domain_from_items,
    looks_like_section,
    match_domain,
    strip_ordinal,
    unit_from_title,
    year_from_title,
)
from zwgk_desktop.core.xlsx.glyphs import all_unticked
from zwgk_desktop.core.xlsx.grid import MAX_ROWS, Grid
from zwgk_desktop.core.xlsx.headers import (
    Column,
    Header,
    build_header,
    find_header,
    is_header_row,
    may_be_header_row,
)
from zwgk_desktop.core.xlsx.result import ImportNote, NoteLevel

_NOTE_PREFIXES = ("注", "说明", "备注", "附", "填表说明", "备考", "※")
# A page number a PDF or Word conversion left in the table ("第 1 页 共 5 页", "- 2 -",
# "3/12", "Page 4 of 9"): taken as a group title it became the 一级事项 of the rows after it.
_N = r"[0-9一二三四五六七八九十百零〇]+"
_PAGE_MARK_RE = re.compile(
    rf"第{_N}页(?:[,，/、]?共{_N}页)?|共{_N}页[,，]?第{_N}页|[-—–－]{{1,2}}{_N}[-—–－]{{1,2}}"
    rf"|\d{{1,3}}/\d{{1,3}}|page\d+(?:of\d+)?",
    re.IGNORECASE,
)
_NOT_INVOLVED_LABELS = frozenset(
    {"序号", "领域", "领域名称", "说明", "未涉及说明", "原因", "未涉及原因", "备注", "情况说明"}
)


_HEADER_MEMO = 64  # distinct header shapes remembered per sheet
MAX_NOTES_PER_LEVEL = 1_000  # per sheet and level; the rest are counted in one note


@dataclass
class DomainHint:
    """What the metadata of an own export says a sheet is."""

    name: str
    template: DomainTemplate | None


@dataclass
class Section:
    label: str  # the text naming the domain
    template: DomainTemplate | None

    @property
    def name(self) -> str:
        """The domain name notes show: the template's, else the cleaned-up label."""
        return self.template.name if self.template is not None else custom_name(self.label)

    items: list[Item] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # 1-based first sheet row of each item
    header: Header | None = None  # the header its items were read under (the last one)
    gaps: set[str] = field(default_factory=set)  # fields whose whole column was unreadable


@dataclass
class SheetResult:
    sections: list[Section] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    not_involved: list[tuple[str, str, int]] = field(default_factory=list)  # text, note, row
    found_header: bool = False
    # id(item) -> text fields read from cells held as a number or a date (see Grid.typed):
    # issues on them are import gaps, as Excel may show the cell as other text
    typed: dict[int, set[str]] = field(default_factory=dict)
    unit_guess: str = ""
    year_guess: str = ""


class SheetParser:
    """Parses one :class:`Grid`; notes go to ``notes``."""

    def __init__(self, grid: Grid, notes: list[ImportNote], hint: DomainHint | None = None) -> None:
        self.g = grid
        self.notes = notes
        self.hint = hint
        self.result = SheetResult()
        # Header rows repeated down a sheet (one per printed page, or 200,000 as an attack)
        # are built once per distinct pair of rows: cost follows distinct content.
        self._header_memo: dict[tuple[tuple[str | None, ...], ...], Header] = {}
        self._header_rows: dict[tuple[str | None, ...], bool] = {}
        self._note_counts: dict[str, int] = {}
        self.section: Section | None = None
        self._untitled: Section | None = None  # named after the sheet: no title said
        self.item: Item | None = None
        self.item_row = 0
        self.group_level1 = ""
        self.not_involved_mode = False
        self.header: Header | None = None
        self.literal = False
        self._widths: dict[tuple[int, int], int] | None = None
        # Text fields read from cells held as a number or a date:
        # (domain shown in notes, column label) -> [(row, text)]
        self._typed: dict[tuple[str, str], list[tuple[int, str]]] = {}

    # ------------------------------------------------------------ notes

    def _domain_label(self) -> str:
        """The domain notes name for the rows being read now."""
        if not self.section:
            return ""
        if self.hint and self.section is self.result.sections[0]:
            return self.hint.name
        return self.section.name

    def note(
        self, r: int | None, level: NoteLevel, message: str, domain: str | None = None
    ) -> None:
        """``domain``: the one to name when the note is written after its rows were read."""
        count = self._note_counts.get(level, 0) + 1
        self._note_counts[level] = count
        if count > MAX_NOTES_PER_LEVEL:
            return  # counted; summarised once at the end of the sheet
        prefix = f"第{r + 1}行：" if r is not None else ""
        if domain is None:
            domain = self._domain_label()
        self.notes.append(
            ImportNote(self.g.title, None if r is None else r + 1, domain, level, prefix + message)
        )

    # ------------------------------------------------------------ driver

    def parse(self) -> SheetResult:
        g = self.g
        header = find_header(g.rows, g.ncols, g.merged_into, hidden=g.hidden_columns)
        if header is None:
            return self.result
        self.result.found_header = True
        self._use_header(header)
        self._start_from_titles(header.first_row)
        formula_rows: dict[int, list[int]] = {}
        for r, c in g.formulas:
            formula_rows.setdefault(r, []).append(c)
        cut = {r for r, _ in g.cut_cells}
        r = header.last_row + 1
        while r < len(g.rows):
            if r in formula_rows:
                self._note_formulas(r, formula_rows[r])
            if r in cut:
                self.note(r, "warning", "单元格超过 32,767 个字符，已截断")
            r = self._row(r) + 1
        self._note_typed()
        if g.row_limit_hit:
            self.note(None, "warning", f"工作表超过 {MAX_ROWS:,} 行，之后的内容未读取")
        if g.merges_truncated:
            self.note(None, "warning", "合并单元格过多，部分合并未按合并处理")
        for level, count in self._note_counts.items():
            if count > MAX_NOTES_PER_LEVEL:
                self.notes.append(
                    ImportNote(
                        g.title,
                        None,
                        "",
                        level,  # type: ignore[arg-type]
                        f"另有 {count - MAX_NOTES_PER_LEVEL} 条同类提示未逐条列出",
                    )
                )
        self._name_untitled()
        sections = self.result.sections
        kept = [s for s in sections if s.items]
        if (
            not kept
            and len(sections) == 1
            and (sections[0].template is not None or self.hint is not None)
        ):
            kept = sections  # a recognised domain with a header and no items yet
        self.result.sections = kept
        for section in kept:
            self._check_columns(section)
        return self.result

    def _check_columns(self, section: Section) -> None:
        """A recognised column that reads empty, or unreadable, for every item: say so.

        Unreadable content (cells hold text, no value came out) is an import gap: review
        shows issues on that field as 未能识别 instead of the township's errors.
        """
        header = section.header
        if header is None or not section.items:
            return
        by_field: dict[str, list[Column]] = {}
        for column in header.columns:
            if column.kind in ("text", "channels", "choice_text", "mark"):
                by_field.setdefault(column.key, []).append(column)
        first, last = section.rows[0], section.rows[-1]
        where = f"第{first}行" if first == last else f"第{first}–{last}行"
        for key, columns in by_field.items():
            if any(_filled(item, key) for item in section.items):
                continue
            labels = "、".join(dict.fromkeys(c.label for c in columns))
            rows = [r - 1 for r in section.rows]
            texts = [t for r in rows for c in columns if (t := self.g.effective(r, c.index))]
            if texts and all(all_unticked(t) for t in texts):
                if not FIELD_BY_KEY[key].required:
                    continue
                message = f"“{labels}”列（{where}）全部未勾选"  # read: nothing was chosen
            elif texts:
                section.gaps.add(key)
                message = (
                    f"“{labels}”列（{where}）有内容但未能识别为{field_label(columns[0])}，"
                    "该项按“未能识别”处理，请核对原表"
                )
            elif FIELD_BY_KEY[key].required:
                message = f"“{labels}”列（{where}）全部为空"
            else:
                continue  # an optional column left blank is normal
            self.notes.append(
                ImportNote(self.g.title, first, section.name, "warning", message, key)
            )

    def _use_header(self, header: Header) -> None:
        self.header = header
        self.group_level1 = ""
        self.not_involved_mode = False
        for column in header.columns:
            if column.guess:
                self.note(header.first_row, "guess", column.guess)
        for level in header.levels:
            if level not in self.result.levels:
                self.result.levels.append(level)
        has_domain = bool(header.by_kind("domain"))
        self.literal = has_domain and not any(r1 > header.last_row for r1, _, _, _ in self.g.merges)
        self.cols = header.columns
        index = {c.index for c in header.columns}
        self.key_cols = [
            c.index
            for c in header.columns
            if c.kind in ("seq", "domain") or c.key in ("level1", "level2")
        ]
        self.mark_cols = [c.index for c in header.columns if c.kind == "mark"]
        self.seq_cols = {c.index for c in header.columns if c.kind == "seq"}
        self.domain_cols = {c.index for c in header.by_kind("domain")}
        self.data_cols = index - self.seq_cols - self.domain_cols
        self.level1_col = next(
            (c.index for c in header.columns if c.kind == "text" and c.key == "level1"), None
        )

    def _start_from_titles(self, first_row: int) -> None:
        """Meta lines and the domain title above the header."""
        best: tuple[str, DomainTemplate | None] | None = None
        for r in range(first_row):
            for value in self.g.rows[r]:
                if value and meta_from_text(value, self.result.meta):
                    continue
                if (
                    value
                    and (looks_like_section(value) or match_domain(value))
                    and len(value) <= 80
                ):
                    template = match_domain(value)
                    if best is None or (template is not None and best[1] is None):
                        best = (value.strip(), template)
        if best is not None:
            self.result.year_guess = year_from_title(best[0])
        if self.hint is not None:
            self._open_section(self.hint.name, self.hint.template)
            return
        if best is not None and best[1] is not None:
            self._open_section(best[0], best[1])
            self.result.unit_guess = unit_from_title(best[0], best[1])
            return
        template = match_domain(self.g.title)
        if template is not None:
            self._open_section(self.g.title, template)
        elif best is not None:
            self._open_section(best[0], None)
            self.result.unit_guess = unit_from_title(best[0], None)
        else:
            self._open_section(self.g.title, None)
            if not self.header or not self.header.by_kind("domain"):
                self._untitled = self.section  # its items may still say (see _name_untitled)

    def _name_untitled(self) -> None:
        """A table no title named: its items may name its domain (a CSV, a bare sheet)."""
        section = self._untitled
        if section is None:
            return
        guess = domain_from_items(section.items) if section.template is None else None
        if guess is None:
            self.note(None, "guess", f"未能从标题识别领域，按工作表名“{self.g.title}”作为领域")
            return
        template, names = guess
        section.template, section.label = template, template.name
        shown = "、".join(f"“{name}”" for name in names[:3])
        self.note(
            None, "guess", f"未能从标题识别领域，按事项名称{shown}等判断为“{template.name}”领域"
        )

    def _open_section(self, label: str, template: DomainTemplate | None) -> None:
        self.section = Section(label.strip(), template)
        self.result.sections.append(self.section)
        self.item = None
        self.group_level1 = ""

    # ------------------------------------------------------------ rows

    def _own(self, r: int) -> dict[int, str]:
        merged = self.g.merged_into
        return {
            c: v for c, v in enumerate(self.g.rows[r]) if v is not None and (r, c) not in merged
        }

    def _row(self, r: int) -> int:
        """Handle row ``r``; returns the last row consumed."""
        row = self.g.rows[r]
        if not row:
            return r
        own = self._own(r)
        if not own:
            return r
        if len(own) >= 3 and may_be_header_row(row) and self._is_header_row(row):
            header = self._header_at(r)
            self._use_header(header)
            return header.last_row
        if len(own) == 1:
            ((c, text),) = own.items()
            if self._structural(r, c, text):
                return r
        if self.not_involved_mode:
            self._not_involved_row(r, own)
            return r
        if self._starts_record(own):
            self._new_record(r, own)
        else:
            self._continue_record(r, own)
        return r

    def _is_header_row(self, row: list[str | None]) -> bool:
        """``is_header_row``, once per distinct row (repeated headers cost one check)."""
        key = tuple(row)
        known = self._header_rows.get(key)
        if known is None:
            known = is_header_row(row)
            if len(self._header_rows) < _HEADER_MEMO:
                self._header_rows[key] = known
        return known

    def _header_at(self, r: int) -> Header:
        """``build_header`` at ``r``, from the memo when rows r, r+1 repeat an earlier header
        and no merged range touches them (then the result depends on those rows alone)."""
        g = self.g
        merged = g.merged_into
        key = None
        if not g.merges or not any(
            (r, c) in merged or (r + 1, c) in merged for c in range(g.ncols)
        ):
            below = g.rows[r + 1] if r + 1 < len(g.rows) else []
            key = (tuple(g.rows[r]), tuple(below))
            cached = self._header_memo.get(key)
            if cached is not None:
                height = cached.last_row - cached.first_row
                return Header(r, r + height, list(cached.columns))
        header = build_header(g.rows, r, g.ncols, merged, g.hidden_columns)
        if key is not None and len(self._header_memo) < _HEADER_MEMO:
            self._header_memo[key] = header
        return header

    def _span(self, r: int, c: int) -> int:
        if self._widths is None:
            self._widths = {(r1, c1): c2 - c1 + 1 for r1, c1, _, c2 in self.g.merges}
        return self._widths.get((r, c), 1)

    def _structural(self, r: int, c: int, text: str) -> bool:
        """Section titles, meta lines, notes and group rows; False for a data cell."""
        stripped = text.strip()
        if c in self.seq_cols and stripped.isdigit():
            self.note(r, "guess", "只有序号，没有内容，已跳过")
            return True
        wide = c not in self.data_cols or self._span(r, c) >= 3
        if wide and _PAGE_MARK_RE.fullmatch(fold(stripped)):
            self.note(r, "guess", f"页码“{preview(stripped)}”不是事项，已跳过")
            return True
        if wide and meta_from_text(stripped, self.result.meta):
            return True  # "填报单位：…" lines; inside a data column such text is content
        if "未涉及" in stripped and len(stripped) <= 40 and (wide or looks_like_section(stripped)):
            self.not_involved_mode = True
            return True
        if self._is_section(stripped, wide):
            template = match_domain(stripped)
            label = stripped if template is not None else custom_name(stripped)
            self._open_section(label, template)
            self.not_involved_mode = False
            if template is None:
                self.note(r, "guess", f"标题“{preview(stripped)}”作为新领域“{label}”的开始")
            return True
        if not wide:
            return False
        if stripped.startswith(_NOTE_PREFIXES) or len(stripped) > 30:
            self.note(r, "warning", f"整行文字“{preview(stripped)}”不是事项，未读取")
            return True
        if self.not_involved_mode:
            return False
        self.group_level1 = stripped
        self.note(r, "guess", f"整行标题“{preview(stripped)}”作为后续事项的一级事项")
        return True

    @staticmethod
    def _is_section(text: str, wide: bool) -> bool:
        """A section title; inside a data column only with an ordinal or a known domain name."""
        if len(text) > 80 or not looks_like_section(text):
            return False
        if wide:
            return True
        named = "领域" in text or "目录" in text
        return named and (match_domain(text) is not None or strip_ordinal(text) != text.strip())

    def _starts_record(self, own: dict[int, str]) -> bool:
        if self.literal or self.item is None:
            return True
        return any(c in own for c in self.key_cols) or any(c in own for c in self.mark_cols)

    # ------------------------------------------------------------ records

    def _new_record(self, r: int, own: dict[int, str]) -> None:
        note = partial(self.note, r)
        g = self.g
        item = Item()
        previous = self.item
        typed: list[tuple[Column, str]] = []  # text fields read from typed cells
        for column in self.cols:
            value = own.get(column.index)
            if value is None:
                value = g.effective(r, column.index)
                if value is None:
                    continue
            if column.kind == "domain":
                self._switch_domain(value)
                previous = self.item
                continue
            if column.kind == "seq":
                continue
            if is_ditto(value):
                apply_ditto(item, previous, column, note)
                continue
            if column.kind == "text" and g.is_typed(r, column.index):
                typed.append((column, value))
            apply_value(item, column, value, note, self.result.levels)
        if not has_content(item):
            if own.keys() <= self.seq_cols | self.domain_cols:
                self.note(r, "guess", "只有序号或领域，没有内容，已跳过")
            else:
                self.note(r, "warning", "这一行没有可读取的事项内容，已跳过")
            return
        self._fill_level1(r, item, own, previous)
        assert self.section is not None
        self.section.header = self.header
        self.section.items.append(item)
        self.section.rows.append(r + 1)
        for column, value in typed:  # (kept items only: a skipped row's cells were not read)
            self._remember_typed(r, item, column, value)
        self.item = item
        self.item_row = r

    def _fill_level1(self, r: int, item: Item, own: dict[int, str], previous: Item | None) -> None:
        if item.level1 or self.level1_col is None or self.literal:
            return
        if self.group_level1:
            item.level1 = self.group_level1
        elif previous is not None and previous.level1 and item.level2:
            item.level1 = previous.level1
            self.note(r, "guess", f"一级事项为空，沿用上一事项的“{preview(previous.level1)}”")

    def _continue_record(self, r: int, own: dict[int, str]) -> None:
        note = partial(self.note, r)
        item = self.item
        assert item is not None
        for column in self.cols:
            value = own.get(column.index)
            if value is None or column.kind in ("seq", "domain") or is_ditto(value):
                continue
            if column.kind in ("text", "extra"):
                if column.kind == "text" and self.g.is_typed(r, column.index):
                    self._remember_typed(r, item, column, value)
                text = clean_text(value)
                if column.kind == "text":
                    before = item.get(column.key)
                    item.set(column.key, f"{before}\n{text}" if before else text)
                else:
                    before = item.extra.get(column.label, "")
                    item.extra[column.label] = f"{before}\n{text}" if before else text
            else:
                apply_value(item, column, value, note, self.result.levels)
        self.note(r, "guess", f"没有事项名称，已并入上一事项（第{self.item_row + 1}行）")

    # ------------------------------------------------------------ domains and notes

    def _switch_domain(self, text: str) -> None:
        label = clean_cell(text)
        if self.section is not None and (
            self.section.label == label or fold(self.section.label) == fold(label)
        ):
            return
        for section in self.result.sections:
            if fold(section.label) == fold(label):
                self.section = section
                self.item = section.items[-1] if section.items else None
                return
        template = match_domain(label)
        self._open_section(label, template)

    def _not_involved_row(self, r: int, own: dict[int, str]) -> None:
        texts = [
            v.strip()
            for c, v in sorted(own.items())
            if c not in self.seq_cols and not v.strip().isdigit()
        ]
        if not texts or all(fold(t) in _NOT_INVOLVED_LABELS for t in texts):
            return  # empty, or the little table's own header row
        name = next((t for t in texts if match_domain(t) is not None), None)
        if name is None:
            if len(texts) < 2:
                self.note(r, "warning", f"未涉及说明“{preview(texts[0])}”未能对应到领域，未读取")
                return
            name = texts[0]
        others = [t for t in texts if t != name]
        note = max(others, key=len) if others else ""
        self.result.not_involved.append((name, note, r + 1))

    def _remember_typed(self, r: int, item: Item, column: Column, value: str) -> None:
        """``item``'s field in ``column`` was read from a cell held as a number or a date:
        for the note, and as an import gap for review."""
        self.result.typed.setdefault(id(item), set()).add(column.key)
        self._typed.setdefault((self._domain_label(), column.label), []).append((r, value))

    def _note_typed(self) -> None:
        """A text field read from cells the workbook holds as numbers or dates: say so,
        once per column. Excel shows such a cell through its format (20 with the format
        0"个工作日内" reads “20个工作日内” on screen); only the value is in the file."""
        for (domain, label), cells in self._typed.items():
            r, text = cells[0]
            more = f"等 {len(cells)} 个单元格" if len(cells) > 1 else ""
            self.note(
                r,
                "warning",
                f"“{label}”列的“{preview(text)}”{more}在原表中是数字或日期，读到的是它的数值；"
                "原表若用单元格格式把它显示成别的文字（如“20个工作日内”），请按原表显示的内容核对",
                domain,
            )

    def _note_formulas(self, r: int, cols: list[int]) -> None:
        labels = {c.index: c.label for c in self.cols}
        for c in cols:
            formula = self.g.formulas[(r, c)]
            where = f"“{labels[c]}”列" if c in labels else f"第{c + 1}列"
            shown = f"（{preview(formula)}）" if formula else ""  # .xls: the text is not decoded
            self.note(r, "error", f"{where}是公式{shown}，公式不会被计算或读取，请改为文字")


def _filled(item: Item, key: str) -> bool:
    """Whether the item got a value for ``key``; channels only count when one is known
    (a column of unknown names, all kept as additions, was not really read)."""
    value = item.get(key)
    if key == "audience" and item.audience_note:
        return True
    if key == "channels":
        return any(name in CHANNELS.terms or name in KNOWN_EXTRA_CHANNELS for name in value)
    return bool(value)
