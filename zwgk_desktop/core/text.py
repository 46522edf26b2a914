"""Text normalisation shared by import, vocabularies and validation.

Real catalogs mix fullwidth and halfwidth punctuation, wrap words with spaces
("征收土 地信息") and sometimes come as traditional-character mirror copies. Everything
that compares text goes through :func:`fold` first.
"""

from __future__ import annotations

import re
import unicodedata

# Traditional → simplified for the characters that occur in catalog headers, vocabularies
# and domain names. Not a general converter: enough to recognise labels and terms.
_TRAD = str.maketrans(
    "開內據時級鄉縣區鎮街體眾請動構載網絡報紙聞發會聽電視廣查閱點務務場區產環"
    "稅徵費實劃設項築災險業養療衛藥監執語讀圖書檔館訊單戶務關於條規證頒經濟處類"
    "鄰現員導資準進佈傳應變創權職責協織護農貧線濟寫際與為無顯條醫號將並門歲傷別"
    "標錄範圍節這個們對從來時間問題統計價證屬選擇則網頁總補貼協調會議決議審覈核辦"
    "簽訂錶專區鄉鎮縣團義務聯絡諮詢舉報監督處罰強製執復議訴訟國廳黨領導",
    "开内据时级乡县区镇街体众请动构载网络报纸闻发会听电视广查阅点务务场区产环"
    "税征费实划设项筑灾险业养疗卫药监执语读图书档馆讯单户务关于条规证颁经济处类"
    "邻现员导资准进布传应变创权职责协织护农贫线济写际与为无显条医号将并门岁伤别"
    "标录范围节这个们对从来时间问题统计价证属选择则网页总补贴协调会议决议审核核办"
    "签订表专区乡镇县团义务联络咨询举报监督处罚强制执复议诉讼国厅党领导",
)

_SPACE_RE = re.compile(r"\s+")


def nfkc(text: str) -> str:
    """NFKC-normalise: fullwidth ASCII and punctuation become halfwidth."""
    return unicodedata.normalize("NFKC", text)


def simplify(text: str) -> str:
    """Map the traditional characters we know of to simplified ones."""
    return text.translate(_TRAD)


_SQUASH_RE = re.compile(r"[\uff01-\uff5e\ufe50-\ufe6b]+|\s+")
_TRAD_RE = re.compile("[" + "".join(chr(code) for code in _TRAD) + "]")


def _squash_part(match: re.Match[str]) -> str:
    part = match.group()
    return "" if part.isspace() else unicodedata.normalize("NFKC", part)


def squash(text: str) -> str:
    """NFKC with all whitespace removed, skipping the work plain text does not need."""
    if "（" in text or "）" in text:  # by far the commonest fullwidth pair
        text = text.replace("（", "(").replace("）", ")")
    text = _SQUASH_RE.sub(_squash_part, text)
    if not unicodedata.is_normalized("NFKC", text):
        text = _SPACE_RE.sub("", unicodedata.normalize("NFKC", text))
        # Removing a space between two combining marks can leave them out of canonical
        # order ("\u0339 \u0334"): normalise once more so equivalent texts fold alike.
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
    return text


def fold(text: str | None) -> str:
    """Canonical comparison key: NFKC, simplified, all whitespace removed.

    Hot (validation, import, diff): the slow steps run only when a text needs them.
    """
    if not text:
        return ""
    text = squash(str(text))
    if _TRAD_RE.search(text) is not None:
        text = _SPACE_RE.sub("", text.translate(_TRAD))
    return text


def clean_cell(text: str | None) -> str:
    """Tidy a cell value for storage: strip, normalise line ends, drop NUL."""
    if text is None:
        return ""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return value.strip()


def shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, the last one “…” if it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


_LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(text: str) -> str:
    """Lone surrogates (from a JSON ``\\ud800`` escape) as U+FFFD: they cannot be encoded."""
    return _LONE_SURROGATE_RE.sub("\ufffd", text)
