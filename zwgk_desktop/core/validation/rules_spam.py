"""Gambling/advert spam injected into copied text (hijacked mirror sites rewrite law titles:
《乐动体育app官网网页版条例》, 《中华人民共和国飞禽走兽老虎机条例》).

Words that never occur in a real catalog are flagged anywhere. Words that also occur in real
law names (体育, 彩票, 直播: 《中华人民共和国体育法》, 《彩票管理条例》, 《经营高危险性体育项目
许可管理办法》) are flagged only in a 《…》 title, outside the compounds real titles use, and
only next to advert words (app, 官网, 平台, 投注 …) or inside a title about 政府信息公开 —
the title the injections rewrite, which never concerns sport or lotteries.
"""

from __future__ import annotations

import re

from zwgk_desktop.core.validation.issue import Scope, Severity
from zwgk_desktop.core.validation.registry import declare

SPAM = declare(
    "CELL-SPAM",
    Severity.ERROR,
    Scope.ITEM,
    "cell",
    "含有赌博或广告类垃圾文字",
    "被篡改的镜像网站会把法规名称中的词替换成赌博、彩票、直播广告（如《乐动体育app官网网页版条例》"
    "《中华人民共和国飞禽走兽老虎机条例》）。从这类网页复制的内容不能作为公开依据。"
    "“老虎机”“竞彩”“足彩”“博彩”“娱乐城”“app官网”等在任何字段都报告；“体育”“彩票”“直播”只在书名号内报告，"
    "且要紧挨“app”“官网”“平台”“投注”等广告用语，或出现在《政府信息公开条例》一类名称中；"
    "《中华人民共和国体育法》《彩票管理条例》这类真实名称不报告。",
    "对照政府网站或国家法律法规数据库上的原文，重新填写该名称。",
)

_ANYWHERE = (
    "老虎机|竞彩|足彩|博彩|娱乐城|百家乐|赌场|赌博网|时时彩|六合彩|飞禽走兽|真人娱乐|电子游艺|"
    "雷速体育|乐动体育|大发体育|开云体育|亚博体育|半岛体育|体育app|体育官网|app官网|app下载|"
    "官网网页版|网页版登录|网页版入口|彩票网|足球直播"
)
ANYWHERE_RE = re.compile(_ANYWHERE, re.IGNORECASE)
# Never part of a real law title.
_TITLE_ONLY_RE = re.compile(f"{_ANYWHERE}|官网|网页版|在线直播|官方入口|¥|￥", re.IGNORECASE)
_WEAK_RE = re.compile("体育|彩票|直播")
# Compounds in which the weak words occur in real titles; removed before looking for them.
_LEGIT_RE = re.compile(
    r"体育(?:法|设施|场|馆|总局|局|行政|部门|产业|消费|事业|锻炼|活动|运动|赛事|竞赛|教育|教学|课|项目|市场|"
    r"发展|标准|统计|训练|科学|科研|人才|教师|工作|彩票|健身|公园|强国|俱乐部|组织|社会组织|后备人才|与健康|"
    r"中考|特长|经营|服务|旅游|协会|用地)"
    r"|(?:学校|群众|竞技|全民|公共|社会|农民|职工|老年人|残疾人|青少年|文化|民族传统|冰雪|校园|大众)体育"
    r"|彩票(?:管理|公益金|发行|销售|市场|机构|资金|游戏|监督|条例|代销|事业)|(?:福利|即开型)彩票"
    r"|(?:网络|电视|广播|互联网)直播|直播(?:营销|带货|电商|服务)"
)


# Advert words right next to a weak word, and the titles the injections rewrite.
_CONTEXT_RE = re.compile(
    r"(?:体育|彩票|直播)(?:app|官网|官方|平台|网址|网站|登录|登陆|下载|注册|入口|在线|手机|娱乐|网页|投注|开户|直播|[a-z_])"
    r"|(?:[a-z_]|投注|网上|在线)(?:体育|彩票|直播)",
    re.IGNORECASE,
)
_GOV_TITLE_RE = re.compile("信息公开|政务公开|中华人民共和国政府")


def spam_anywhere(text: str) -> str | None:
    """The spam word found in ``text`` (any field), or None."""
    match = ANYWHERE_RE.search(text)
    return match.group() if match else None


def spam_in_title(title: str) -> str | None:
    """The spam word in a 《…》 title, judged more strictly than free text."""
    match = _TITLE_ONLY_RE.search(title)
    if match:
        return match.group()
    if _WEAK_RE.search(title) is None:
        return None
    cleaned = _LEGIT_RE.sub("", title)
    match = _WEAK_RE.search(cleaned)
    if match is None:
        return None
    if _CONTEXT_RE.search(cleaned) or _GOV_TITLE_RE.search(cleaned):
        return match.group()
    return None
