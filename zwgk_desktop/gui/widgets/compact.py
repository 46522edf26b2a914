"""How the item table fits an 11-field item on a 1366-pixel screen.

Choice columns are drawn compactly (渠道 as short tags with a count; 对象/方式/层级 as the
single term, or first characters joined when several are ticked, like the tick columns
of the printed catalog), headers use short names (the full name is the header's
tooltip), and widths are given in characters of the UI font, widened towards the
Excel widths only when the screen has room. The model keeps the full texts: copy,
search, tooltips and the item form are unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

SHORT_LABELS = {
    "content": "公开内容",
    "channels": "渠道",
    "audience": "对象",
    "audience_note": "群体说明",
    "method": "方式",
    "level": "层级",
}

CHANNEL_TAGS = {
    "政府网站": "网站",
    "政府公报": "公报",
    "两微一端": "两微",
    "发布会/听证会": "发布会",
    "广播电视": "广电",
    "纸质媒体": "纸媒",
    "公开查阅点": "查阅点",
    "政务服务中心": "政务中心",
    "便民服务站": "便民站",
    "入户/现场": "入户",
    "社区/企事业单位/村公示栏(电子屏)": "公示栏",
    "精准推送": "推送",
    "其他": "其他",
}

# (compact width, generous width) in characters of the UI font, per field key.
COLUMN_CHARS = {
    "level1": (6, 8),
    "level2": (9, 14),
    "content": (10, 30),
    "basis": (8, 26),
    "time_limit": (7, 12),
    "subject": (7, 10),
    "channels": (7, 12),
    "audience": (3.5, 5),
    "audience_note": (5, 7),
    "method": (3.5, 5),
    "level": (3.5, 5),
}
FROZEN_KEYS = ("level1", "level2")  # stay on the left while scrolling sideways


def compact_choice(key: str, values: Sequence[str]) -> str:
    """The short cell text of a choice field."""
    values = [v for v in values if v]
    if not values:
        return ""
    if key == "channels":
        tags = [CHANNEL_TAGS.get(v, v[:4]) for v in values]
        text = "·".join(tags)
        return f"{len(tags)}项 {text}" if len(tags) > 2 else text
    if len(values) == 1:
        return values[0]
    return "+".join(v[:1] for v in values)


def column_widths(keys: Sequence[str], char: int, room: int) -> list[int]:
    """Pixel widths: compact ones, then extra room shared out towards the generous ones."""
    compact = [int(COLUMN_CHARS.get(k, (8, 12))[0] * char) + 12 for k in keys]
    generous = [int(COLUMN_CHARS.get(k, (8, 12))[1] * char) + 12 for k in keys]
    spare = room - sum(compact)
    wanted = sum(g - c for c, g in zip(compact, generous, strict=True))
    if spare <= 0 or wanted <= 0:
        return compact
    share = min(1.0, spare / wanted)
    return [c + int((g - c) * share) for c, g in zip(compact, generous, strict=True)]
