"""A guard for pdfminer against PDFs whose objects refer to each other in a circle.

pdfminer follows a reference to a reference with an unbounded ``while`` loop, so a file in which
object 6 is ``7 0 R`` and object 7 is ``6 0 R`` hangs it for ever, wherever such an object is
used (the document info, a page's media box, its resources). pdfminer builds its document inside
pdfplumber, out of our reach, so the guard goes on the class: it changes nothing for a file
without such a loop, and turns a loop into the parse error a damaged file gives.
"""

from __future__ import annotations

from typing import Any

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfexceptions import PDFObjectNotFound
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import PDFObjRef

_MARK = "_docaudit_refuses_loops"


def refuse_reference_loops() -> None:
    """Make every pdfminer document raise on a circle of references; safe to call repeatedly."""
    original = PDFDocument.getobj
    if getattr(original, _MARK, False):
        return

    def getobj(self: PDFDocument, objid: int) -> Any:
        obj = original(self, objid)
        if isinstance(obj, PDFObjRef):
            _follow(self, original, objid, obj)
        return obj

    setattr(getobj, _MARK, True)
    PDFDocument.getobj = getobj  # type: ignore[method-assign]


def _follow(document: PDFDocument, fetch: Any, objid: int, ref: PDFObjRef) -> None:
    seen = {objid}
    target: object = ref
    while isinstance(target, PDFObjRef):
        if target.objid in seen:
            raise PDFSyntaxError(f"object {objid} is a loop of references to itself")
        seen.add(target.objid)
        try:
            target = fetch(document, target.objid)
        except PDFObjectNotFound:
            return
