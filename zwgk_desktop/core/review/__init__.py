"""The county reviewer's side: review files, comments, statuses, diffs, opinions, batch checks.

Everything here is Qt-free; the CLI (``zwgk diff``, ``zwgk review``) and the widgets in
``zwgk_desktop.gui.review`` are thin layers over it. A submission is never written to: what
the reviewer says lives in a separate review file (``<name>.审核.zwgkr``) beside it.

Modules, one concept each:

- ``model``     value types: Comment, Target, statuses, Round
- ``schema``    the review file's SQLite schema (sqlite-utils Migrations, own application_id)
- ``files``     where a submission's review file lies (``XX镇.审核.zwgkr``), without the store
- ``store``     ReviewStore: open/create the review file; every change one transaction
- ``matching``  how an item is recognised across rounds and against the templates
- ``comments``  locating comments in a catalog; validation results → comments
- ``session``   ReviewSession: a submission + its review file, for the reviewer or the township
- ``diff``      submission vs templates / vs an earlier submission; text and JSON forms
- ``opinions``  审核意见 workbook (xlsxwriter, atomic)
- ``letter``    the short 审核意见函's content (structured data + HTML; the PDF is drawn in the GUI)
- ``batch``     check a folder of submissions; the summary table and workbook
"""
