"""Child process for the kill test: edits a document forever, acknowledging each commit.

Usage: python kill_writer.py DOC ITEM_ID START. Prints "ack N" after edit N is committed.
"""

from __future__ import annotations

import sys

from zwgk_desktop.core.cell_block import CellBlock
from zwgk_desktop.core.model import Item
from zwgk_desktop.core.storage import Document


def main() -> None:
    path, item_id, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    doc = Document.open(path)
    assert not doc.read_only, doc.lock_message
    domain_id = doc.domains()[0].id
    n = start
    while True:
        n += 1
        if n % 2:
            doc.update_item(item_id, "content", str(n))
        else:  # a paste's block: one statement for several fields
            doc.write_block(
                CellBlock(
                    (item_id,), ("content", "channels"), ((str(n),), (("政府网站", f"b{n}"),))
                )
            )
        doc.insert_items(
            domain_id, n % 5, [Item(level1=f"n{n}", level2="kill", content="x" * (n % 300))]
        )
        if n % 7 == 0:
            doc.update_items(
                [(item_id, "channels", ["政府网站", f"c{n}"]), (item_id, "basis", "b" * n)]
            )
        if n % 11 == 0:
            doc.create_snapshot(f"s{n}")
        print(f"ack {n}", flush=True)


if __name__ == "__main__":
    main()
