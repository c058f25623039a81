"""Batch audits at firm scale: every client folder below one directory, in parallel, incrementally.

The modules here import only the standard library at import time; the audit itself (spaCy,
pdfplumber, Tesseract) is loaded in the worker processes, so ``docaudit --help`` stays fast.
"""
