"""TSV as Excel/WPS put it on the clipboard: quoting, multi-line cells, round trips."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zwgk_desktop.gui.clipboard import format_cell, from_tsv, parse_cell, split_terms, to_tsv


def test_excel_quoting_of_multiline_and_quotes() -> None:
    rows = [["政策文件", '他说"好"', "第一行\n第二行"], ["a\tb", "", "x"]]
    text = to_tsv(rows)
    assert text == '政策文件\t"他说""好"""\t"第一行\n第二行"\r\n"a\tb"\t\tx\r\n'
    assert from_tsv(text) == rows


def test_excel_text_with_crlf_and_trailing_newline() -> None:
    assert from_tsv("甲\t乙\r\n丙\t丁\r\n") == [["甲", "乙"], ["丙", "丁"]]
    assert from_tsv("单个") == [["单个"]]
    assert from_tsv("甲\t\r\n") == [["甲", ""]]
    assert from_tsv("") == []


def test_line_breaks_of_every_kind_and_mixed() -> None:
    assert from_tsv("a\tb\nc\td\n") == [["a", "b"], ["c", "d"]]  # LF (LibreOffice)
    assert from_tsv("a\rb\r") == [["a"], ["b"]]  # CR (old Mac)
    assert from_tsv("a\r\nb\nc\rd\r\n") == [["a"], ["b"], ["c"], ["d"]]
    assert from_tsv("a\r\n\r\nb") == [["a"], [""], ["b"]]  # an empty row stays
    assert from_tsv("a\n\r\nb") == [["a"], [""], ["b"]]


def test_unquoted_and_unterminated_quotes_are_literal() -> None:
    assert from_tsv('5"长\t"未结束') == [['5"长', '"未结束']]
    assert from_tsv('"ab"c\tx') == [['"ab"c', "x"]]


def test_libreoffice_style_lf_lines() -> None:
    assert from_tsv('"多\n行"\tb\nc\td\n') == [["多\n行", "b"], ["c", "d"]]


cell = st.text(alphabet=st.sampled_from(list('政务公开ab"\t\n\r 、')), max_size=8)


@given(st.lists(st.lists(cell, min_size=1, max_size=4), min_size=1, max_size=4))
def test_round_trip_any_cells(rows: list[list[str]]) -> None:
    # Excel writes line breaks inside cells as LF; a lone CR would not survive either.
    rows = [[c.replace("\r", "") for c in row] for row in rows]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    assert from_tsv(to_tsv(rows)) == rows


def test_choice_cells_parse_to_canonical_terms() -> None:
    assert split_terms("政府网站、政务服务中心，便民服务站") == [
        "政府网站",
        "政务服务中心",
        "便民服务站",
    ]
    assert parse_cell("channels", "政府服务中心、政府网站、发布会/听证会") == [
        "政府网站",
        "发布会/听证会",
        "政务服务中心",
    ]
    assert parse_cell("method", "依申请公开，主动公开") == ["主动", "依申请"]
    assert parse_cell("method", "主动+依申请") == ["主动", "依申请"]
    assert parse_cell("level", "县乡两级") == ["县级", "乡级"]
    assert parse_cell("content", "  内容\r\n第二行 ") == "内容\n第二行"
    assert format_cell("channels", ["政府网站", "政务服务中心"]) == "政府网站、政务服务中心"
