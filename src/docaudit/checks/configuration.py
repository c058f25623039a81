"""CFG: the client folder's own configuration (docaudit.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from docaudit.core.registry import AuditContext, Draft, check


@check("CFG001")
def expired_waivers(ctx: AuditContext) -> Iterator[Draft]:
    """An expired waiver no longer hides its finding; say so, so the judgement gets renewed."""
    for i, waiver in enumerate(ctx.config.waivers):
        if waiver.until is not None and waiver.until < ctx.as_of:
            target = f" for {waiver.subject}" if waiver.subject else ""
            yield Draft(
                subject=f"waivers[{i}]",
                message=(
                    f"The waiver of {waiver.rule}{target} expired on {waiver.until}; "
                    f"the findings it covered count again ({waiver.reason})."
                ),
                declared=str(waiver.until),
                key=f"{waiver.rule}:{waiver.subject}",
            )
