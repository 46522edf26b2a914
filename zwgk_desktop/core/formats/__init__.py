"""Readers for the non-xlsx formats townships send: each yields :class:`Grid` objects.

One reader per format (.xls/.et/.ods through calamine, .csv, .docx tables, .html tables),
all feeding the one tolerant interpreter of :mod:`zwgk_desktop.core.xlsx.records`. Each
reader bounds file size, expansion, rows and columns, never fetches anything, and fails
with one Chinese line (``FileUnreadableError``).
"""
