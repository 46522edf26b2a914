"""No data loss: SIGKILL a writing process at random moments; the file always opens and no
acknowledged edit is lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from zwgk_desktop.core.model import Catalog, CatalogMeta, Domain, Item
from zwgk_desktop.core.storage import Document

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

WRITER = Path(__file__).with_name("kill_writer.py")
ROUNDS = 12


def _start_writer(doc: Path, item_id: int, start: int) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(doc), str(item_id), str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_sigkill_never_corrupts_or_loses_acknowledged_edits(tmp_path: Path) -> None:
    path = tmp_path / "kill.zwgk"
    catalog = Catalog(
        meta=CatalogMeta(unit="测试镇"),
        domains=[Domain("d1", "社会救助", [Item(level1="a", level2="b")])],
    )
    Document.create(path, catalog).close()
    with Document.open(path) as doc:
        item_id = doc.items("d1")[0].id
        assert item_id is not None
    rng = random.Random(20261123)
    last_ack = 0
    acknowledged: set[int] = set()
    for _ in range(ROUNDS):
        proc = _start_writer(path, item_id, last_ack)
        assert proc.stdout is not None
        first = proc.stdout.readline()  # wait until it is really writing
        assert first.startswith("ack"), proc.stderr.read() if proc.stderr else first
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        acks = [
            int(line.split()[1]) for line in (first + out).splitlines() if line.startswith("ack")
        ]
        last_ack = max(acks)
        acknowledged.update(acks)

        # The file opens (quick_check runs on open), for writing: the dead writer's lock is gone.
        with Document.open(path) as doc:
            assert not doc.read_only
            integrity = doc.db.execute("PRAGMA integrity_check").fetchone()[0]
            assert integrity == "ok"
            stored = int(doc.item(item_id).content)
            assert stored >= last_ack, f"acknowledged edit {last_ack} lost (file has {stored})"
            markers = {i.level1 for i in doc.items("d1")}
            missing = sorted(n for n in acknowledged if f"n{n}" not in markers)
            assert not missing, f"acknowledged inserts lost: {missing[:5]}"
        last_ack = stored  # the writer may have committed one more before dying
    assert last_ack > ROUNDS  # it really wrote
