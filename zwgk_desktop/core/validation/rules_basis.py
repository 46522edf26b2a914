"""公开依据: it must cite something checkable, with document numbers in a sound shape.

Real cells cite laws by 《title》 and documents by number (国办发〔2017〕94号, 国务院令第711号).
Defects seen in published catalogs: no citation at all ("相关法律法规"), names without 《》,
broken number brackets from OCR or hand editing (〔2016 )115号, 〔201744号), [2011]/(2007)
brackets, spam-injected titles, and documents that the register of sources
(``catalogs/sources.toml``) knows to be repealed, expired or replaced.
"""

from __future__ import annotations

import re
from functools import lru_cache

from zwgk_desktop.core.sources.active import active_register
from zwgk_desktop.core.sources.outdated import outdated_citations
from zwgk_desktop.core.sources.status import as_of_for
from zwgk_desktop.core.validation.issue import Scope, Severity
from zwgk_desktop.core.validation.registry import ItemContext, declare, item_check
from zwgk_desktop.core.validation.rules_cells import is_ditto
from zwgk_desktop.core.validation.rules_spam import SPAM, spam_anywhere, spam_in_title
from zwgk_desktop.core.validation.textutil import is_blank, quote, squash

NO_CITATION = declare(
    "BASIS-NO-CITATION",
    Severity.WARNING,
    Scope.ITEM,
    "basis",
    "公开依据未列出具体法规或文件",
    "公开依据中既没有书名号标注的法规、文件名称，也没有可识别的文号（如“国办发〔2019〕54号”“国务院令第711号”），"
    "只写“相关法律法规”“有关文件”无法核对。",
    "写出具体名称并加书名号，如《中华人民共和国政府信息公开条例》（国务院令第711号）。",
)
NO_TITLE_MARKS = declare(
    "BASIS-NO-TITLE-MARKS",
    Severity.INFO,
    Scope.ITEM,
    "basis",
    "法规名称没有加书名号",
    "公开依据写了法规或文件名称，但没有用书名号《》标注，读者和导入程序难以分清名称的起止。",
    "给每个法规、文件名称加上书名号，如《中华人民共和国政府信息公开条例》。",
)
UNBALANCED = declare(
    "BASIS-TITLE-UNBALANCED",
    Severity.WARNING,
    Scope.ITEM,
    "basis",
    "书名号不成对",
    "公开依据中“《”与“》”的个数不一致，通常是名称被截断或漏打了半个书名号。",
    "补全书名号，使每个名称都以《开头、以》结尾。",
)
DOCNO_BROKEN = declare(
    "BASIS-DOCNO-BROKEN",
    Severity.WARNING,
    Scope.ITEM,
    "basis",
    "文号括号残缺",
    "文号的年份括号不完整或不配对，如“〔2016 )115号”“〔201744号”“〔2016143号”，多由扫描识别或手工修改造成，"
    "可能连年份或序号也写错了。",
    "按原文核对后写成“发文机关代字〔年份〕序号号”，如“民发〔2016〕115号”。",
)
DOCNO_BRACKETS = declare(
    "BASIS-DOCNO-BRACKETS",
    Severity.INFO,
    Scope.ITEM,
    "basis",
    "文号年份未用六角括号",
    "文号年份写成了“[2011]”“(2007)”“【2019】”。GB/T 9704《党政机关公文格式》规定年份用六角括号“〔〕”。",
    "把年份括号改为六角括号，如“文财务发〔2011〕5号”。",
)
SUPERSEDED = declare(
    "BASIS-SUPERSEDED",
    Severity.WARNING,
    Scope.ITEM,
    "basis",
    "引用了已废止、失效或被替代的文件",
    "公开依据引用的法规、文件按公开依据登记册已修订、废止、到期失效或被新文件替代，"
    "如2008年版《政府信息公开条例》（国务院令第492号）、民发〔2012〕220号、“八五”普法规划。"
    "按标题、简称或文号识别（不论有无书名号、全角半角、括号写法，省略“中华人民共和国”或带“2008年版”"
    "等版本年份）；登记册中没有的文件不报告。判断日期：目录年度早于今年的，按该年度12月31日；"
    "否则按今天。同时引用了替代它的新文件（说明修订沿革）时不报告。这是警告而非错误。",
    "改引登记册中的现行文件，并核对引用的条款是否变化。",
)
REPLACED_SOON = declare(
    "BASIS-REPLACED-SOON",
    Severity.INFO,
    Scope.ITEM,
    "basis",
    "引用的文件将被替代",
    "公开依据引用的文件在判断日期仍然有效，但登记册记载它将在今后某日被新法规、新文件替代"
    "（如《危险化学品安全管理条例》自2026年5月1日起由《中华人民共和国危险化学品安全法》替代）。",
    "在替代生效前后更新目录，改引新文件。",
)

# The patterns run on the raw text and accept fullwidth forms and stray spaces themselves
# (matched pieces are normalised afterwards): normalising every cell first cost 3x more.
_D = "[0-9０-９]"
_OPEN_CH = "〔\\[(【（［﹝"
_CLOSE_CH = "〕\\])】）］﹞"
_HALF = str.maketrans("（［﹝）］﹞", "([〔)]〕")
_PAIR = {"〔": "〕", "[": "]", "(": ")", "【": "】"}
# A year (19xx/20xx) and a serial number with at least one bracket: 〔2017〕94号, [2011]5号,
# 〔2016)115号, 〔201744号, 民发2016〕115号. The opening bracket is looked up in code: a
# leading optional group or look-behind would defeat the regex engine's fast scan.
_DOCNO_RE = re.compile(
    rf"(?P<year>[12１２]\s*[09０９]\s*{_D}\s*{_D})\s*(?P<close>[{_CLOSE_CH}]?)"
    rf"\s*(?P<num>第?\s*{_D}(?:\s*{_D}){{0,4}})\s*号"
)
_OPENERS = frozenset(_OPEN_CH.replace("\\", ""))
_OTHER_NUMBER_RE = re.compile(
    rf"令\s*[(（]?\s*第?\s*{_D}+\s*号|第\s*{_D}+\s*号令|{_D}{{4}}\s*年\s*第\s*{_D}+\s*号"
    # (searched, never matched out: two letters and three digits find what two or more
    # letters and three or more digits would, in linear time; the open counts were
    # quadratic on a long run of capitals: 31 s for a 32,767-character cell)
    rf"|[A-ZＡ-Ｚ]{{2}}(?:\s*[/／]\s*[TＴ])?\s*{_D}{{3}}"
)
_TITLE_RE = re.compile(r"《([^《》]*)》")
_TITLE_SPAM_CHARS_RE = re.compile("[虎彩娱乐赌禽艺育页球官播直体¥￥PpＰｐ]")
_GENERIC_RE = re.compile(r"法律法规|法规|规章|规范性文件|政策文件|相关|有关|文件|政策")
# Two ideographs before the kind of document, not "two or more": only searched for, and
# "{2,}" was quadratic on a long run of ideographs (11.6 s for a 32,767-character cell).
_LAWLIKE_RE = re.compile(
    r"[\u4e00-\u9fff]{2}(?:法|条例|办法|规定|细则|意见|通知|决定|规划|方案|标准|规则|规程|纲要|指引|指南|制度|公告)"
)


def _digits(text: str) -> str:
    return text if text.isascii() and text.isdigit() else squash(text)


def _char_before(text: str, index: int) -> str:
    """The last non-space character before ``index`` ("" at the start)."""
    index -= 1
    while index >= 0 and text[index].isspace():
        index -= 1
    return text[index] if index >= 0 else ""


def _standard(year: str, num: str) -> str:
    return f"〔{year}〕{num}号"


@lru_cache(maxsize=8192)
def basis_findings(text: str) -> tuple[tuple[str, str, str], ...]:
    """The problems of one 公开依据 text as ``(kind, found, suggestion)`` triples."""
    found: list[tuple[str, str, str]] = []
    has_number = False
    for m in _DOCNO_RE.finditer(text):
        year = _digits(m["year"])
        if not year.startswith(("19", "20")):
            continue
        opener = _char_before(text, m.start()).translate(_HALF)
        close = m["close"].translate(_HALF)
        if opener not in _OPENERS:
            if not close or opener.isdigit():
                continue  # no bracket at all: not a document number
            opener = ""
        has_number = True
        if opener == "〔" and close == "〕":
            continue
        kind = "brackets" if opener and close == _PAIR[opener] else "broken"
        shown = squash(opener + m.group())
        found.append((kind, shown, _standard(year, _digits(m["num"]))))
    has_title = "《" in text or "》" in text
    if text.count("《") != text.count("》"):
        found.append(("unbalanced", "", ""))
    # Titles are only examined when a character of a spam word occurs at all, and not when
    # CELL-SPAM already reports the cell.
    if _TITLE_SPAM_CHARS_RE.search(text) is not None and spam_anywhere(text) is None:
        for title in _TITLE_RE.findall(text):
            word = spam_in_title(squash(title))
            if word is not None:
                found.append(("spam", squash(title), word))
    if not has_title and not has_number and not _OTHER_NUMBER_RE.search(text):
        if _LAWLIKE_RE.search(_GENERIC_RE.sub("", squash(text))):
            found.append(("no_marks", "", ""))
        else:
            found.append(("no_citation", "", ""))
    return tuple(found)


@item_check
def check_basis(ctx: ItemContext) -> None:
    text = ctx.item.basis
    if is_blank(text) or is_ditto(text):
        return
    findings = basis_findings(text)
    if not findings:
        return
    who = f"“{ctx.label}”的公开依据"
    for kind, found, extra in findings:
        if kind == "broken":
            ctx.report(
                DOCNO_BROKEN,
                "basis",
                f"{who}里，文号“{quote(found)}”括号残缺，应为“{extra}”一类写法，请核对原文",
            )
        elif kind == "brackets":
            ctx.report(
                DOCNO_BRACKETS,
                "basis",
                f"{who}里，文号“{quote(found)}”的年份应使用六角括号，写作“{extra}”",
            )
        elif kind == "unbalanced":
            ctx.report(UNBALANCED, "basis", f"{who}中书名号“《”“》”不成对，请补全")
        elif kind == "spam":
            ctx.report(
                SPAM,
                "basis",
                f"{who}中《{quote(found, 20)}》含有垃圾广告文字“{quote(extra, 10)}”，疑似从被篡改的网页复制，请对照原文重新填写",
            )
        elif kind == "no_marks":
            ctx.report(
                NO_TITLE_MARKS, "basis", f"{who}“{quote(text, 16)}”中的法规名称没有加书名号《》"
            )
        else:
            ctx.report(
                NO_CITATION, "basis", f"{who}“{quote(text, 16)}”没有写出具体的法规或文件名称"
            )


@item_check
def check_outdated_sources(ctx: ItemContext) -> None:
    """Cited documents the register knows to be outdated on the catalog's date."""
    text = ctx.item.basis
    if is_blank(text) or is_ditto(text):
        return
    as_of = as_of_for(ctx.catalog.meta.year)
    found = outdated_citations(text, active_register(), as_of.day)
    if not found:
        return  # the common case: no label built
    who = f"“{ctx.label}”的公开依据"
    for citation in found:
        rule = REPLACED_SOON if citation.upcoming else SUPERSEDED
        ctx.report(rule, "basis", citation.message(who, as_of), citation.hint())
