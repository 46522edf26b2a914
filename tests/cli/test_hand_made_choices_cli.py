"""A hand-made catalog's choice words read through the installed entry point: channels
joined by 及 or a space, 主动+依申请, 县乡两级, a group's remark holding a 、."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ZWGK = shutil.which("zwgk", path=str(Path(sys.executable).parent)) or "zwgk"
BULLETIN = "社区/企事业单位/村公示栏(电子屏)"


def test_hand_made_csv_reads_every_choice(tmp_path: Path) -> None:
    source = tmp_path / "青山镇社会救助.csv"
    source.write_text(
        "一级事项,二级事项,公开内容,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式,公开层级\n"
        "低保,低保政策,标准,《社会救助暂行办法》,20个工作日内,青山镇人民政府,"
        "政府网站及公示栏,全社会,主动公开,县乡两级\n"
        "低保,低保对象,名单,《社会救助暂行办法》,20个工作日内,青山镇人民政府,"
        '政务服务中心 便民服务站,全社会、特定群体（申请人、利害关系人）,主动+依申请,"县、乡"\n',
        encoding="utf-8",
    )
    out = tmp_path / "目录.zwgk"
    subprocess.run([ZWGK, "import", str(source), "-o", str(out)], check=True, capture_output=True)
    exported = tmp_path / "目录.json"
    subprocess.run([ZWGK, "export", str(out), "-o", str(exported)], check=True, capture_output=True)
    items = json.loads(exported.read_text(encoding="utf-8"))["domains"][0]["items"]
    assert items[0]["channels"] == ["政府网站", BULLETIN]
    assert items[0]["level"] == ["县级", "乡级"]
    assert items[1]["channels"] == ["政务服务中心", "便民服务站"]
    assert items[1]["audience"] == ["全社会", "特定群体"]
    assert items[1]["audience_note"] == "申请人、利害关系人"
    assert items[1]["method"] == ["主动", "依申请"]
    assert items[1]["level"] == ["县级", "乡级"]


def test_unit_is_taken_from_a_township_subject_every_item_names(tmp_path: Path) -> None:
    source = tmp_path / "目录.csv"
    rows = ["二级事项,公开内容,公开依据,公开主体"]
    rows += [f"事项{n},内容,《社会救助暂行办法》,青山镇人民政府" for n in range(3)]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "目录.zwgk"
    done = subprocess.run(
        [ZWGK, "import", str(source), "-o", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "单位名称取自各事项相同的公开主体：“青山镇人民政府”" in done.stdout + done.stderr
    shown = subprocess.run([ZWGK, "show", str(out)], capture_output=True, text=True).stdout
    assert "单位：青山镇人民政府" in shown


def test_a_countys_many_subjects_give_no_unit(tmp_path: Path) -> None:
    source = tmp_path / "目录.csv"
    source.write_text(
        "二级事项,公开内容,公开依据,公开主体\n"
        "低保,名单,《社会救助暂行办法》,示范县民政局\n"
        "救灾,名单,《自然灾害救助条例》,示范县应急管理局\n",
        encoding="utf-8",
    )
    out = tmp_path / "目录.zwgk"
    subprocess.run([ZWGK, "import", str(source), "-o", str(out)], check=True, capture_output=True)
    shown = subprocess.run([ZWGK, "show", str(out)], capture_output=True, text=True).stdout
    assert "单位：（未填写）" in shown
