"""A small register of real documents, independent of the bundled file's later edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from zwgk_desktop.core.sources import Register
from zwgk_desktop.core.sources.register import parse_register

REGISTER_TEXT = """
schema_version = 1
checked = "2026-12-06"

[[source]]
key = "gov-info-disclosure-regs"
title = "中华人民共和国政府信息公开条例"
short = ["政府信息公开条例", "信息公开条例"]
numbers = ["国务院令第711号"]
kind = "行政法规"
revised = "2019-04-03"
effective = "2019-05-15"
status = "现行有效"
checked = "2026-12-06"
verified = false

[[source]]
key = "gov-info-disclosure-regs-2007"
title = "中华人民共和国政府信息公开条例"
short = ["政府信息公开条例", "信息公开条例"]
numbers = ["国务院令第492号"]
kind = "行政法规"
adopted = "2007-04-05"
status = "已修订"
version = "2007"
replaced_by = "gov-info-disclosure-regs"
replaced_from = "2019-05-15"
checked = "2026-12-06"
verified = false

[[source]]
key = "budget-law"
title = "中华人民共和国预算法"
short = ["预算法"]
kind = "法律"
revised = "2018-12-29"
status = "现行有效"
checked = "2026-12-06"
verified = false

[[source]]
key = "land-administration-law"
title = "中华人民共和国土地管理法"
short = ["土地管理法"]
kind = "法律"
status = "现行有效"
checked = "2026-12-06"
verified = false

[[source]]
key = "hazardous-chemicals-safety-law"
title = "中华人民共和国危险化学品安全法"
short = ["危险化学品安全法"]
kind = "法律"
effective = "2026-05-01"
status = "现行有效"
checked = "2026-12-06"
verified = false

[[source]]
key = "hazardous-chemicals-safety-regs"
title = "危险化学品安全管理条例"
numbers = ["国务院令第591号"]
kind = "行政法规"
status = "被替代"
replaced_by = "hazardous-chemicals-safety-law"
replaced_from = "2026-05-01"
checked = "2026-12-06"
verified = false

[[source]]
key = "minimum-living-allowance-review-approval-measures"
title = "最低生活保障审核审批办法（试行）"
numbers = ["民发〔2012〕220号"]
kind = "规范性文件"
status = "被替代"
replaced_by = "minimum-living-allowance-review-confirmation-measures"
checked = "2026-12-06"
verified = false

[[source]]
key = "minimum-living-allowance-review-confirmation-measures"
title = "最低生活保障审核确认办法"
numbers = ["民发〔2021〕57号"]
kind = "规范性文件"
status = "现行有效"
checked = "2026-12-06"
verified = false

[[source]]
key = "legal-publicity-education-law"
title = "中华人民共和国法治宣传教育法"
short = ["法治宣传教育法"]
kind = "法律"
effective = "2025-11-01"
status = "现行有效"
checked = "2026-12-06"
verified = false

[[source]]
key = "eighth-five-year-legal-publicity-plan"
title = "中央宣传部、司法部关于开展法治宣传教育的第八个五年规划（2021—2025年）"
short = ["八五普法规划"]
kind = "规划"
status = "已失效"
expires = "2025-12-31"
replaced_by = "legal-publicity-education-law"
checked = "2026-12-06"
verified = false

[[source]]
key = "national-disaster-prevention-plan-2016-2020"
title = "国家综合防灾减灾规划（2016—2020年）"
numbers = ["国办发〔2016〕104号"]
kind = "规划"
status = "已失效"
expires = "2020-12-31"
replaced_by = "national-disaster-prevention-plan-14th-five-year"
checked = "2026-12-06"
verified = false

[[source]]
key = "national-disaster-prevention-plan-14th-five-year"
title = "“十四五”国家综合防灾减灾规划"
numbers = ["国减发〔2022〕1号"]
kind = "规划"
status = "已失效"
expires = "2025-12-31"
checked = "2026-12-06"
verified = false

[[source]]
key = "tax-credit-measures-trial-2014"
title = "纳税信用管理办法（试行）"
numbers = ["国家税务总局公告2014年第40号"]
kind = "规范性文件"
status = "被替代"
replaced_by = "tax-payment-credit-measures"
replaced_from = "2025-07-01"
checked = "2026-12-06"
verified = false

[[source]]
key = "tax-payment-credit-measures"
title = "纳税缴费信用管理办法"
numbers = ["国家税务总局公告2025年第12号"]
kind = "规范性文件"
status = "现行有效"
checked = "2026-12-06"
verified = false

[[source]]
key = "employment-subsidy-funds-measures-2017"
title = "就业补助资金管理办法"
numbers = ["财社〔2017〕164号"]
kind = "规范性文件"
status = "被替代"
version = "2017"
replaced_by = "employment-subsidy-funds-measures"
checked = "2026-12-06"
verified = false

[[source]]
key = "employment-subsidy-funds-measures"
title = "就业补助资金管理办法"
numbers = ["财社〔2023〕181号"]
kind = "规范性文件"
status = "现行有效"
checked = "2026-12-06"
verified = false
"""


@pytest.fixture(scope="session")
def register() -> Register:
    return parse_register(REGISTER_TEXT, Path("test-sources.toml"))
