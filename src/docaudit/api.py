"""The library entry points: what the CLI, the batch runner and tests call.

The flow is one-way: files -> documents (text, type, person, facts) -> findings -> report. Each
stage lives in its own package; this module only wires them together and never parses text.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docaudit import __version__
from docaudit.core.catalogue import Catalogue, load_catalogue
from docaudit.core.config import (
    ClientConfig,
    Manifest,
    load_client_config,
    load_manifest,
)
from docaudit.core.documents import Document
from docaudit.core.errors import DocauditError, ExtractionError, InputFileError, Problem
from docaudit.core.models import (
    Case,
    DocStatus,
    DocType,
    Finding,
    Person,
    Report,
    Severity,
    Summary,
    Tool,
)
from docaudit.core.profile import Profile
from docaudit.core.profile_loader import ITA_PROFILE_NAMES, find_profile, load_profile
from docaudit.core.registry import AuditContext, complete
from docaudit.core.waivers import apply_baseline, apply_waivers, load_baseline

if TYPE_CHECKING:
    from docaudit.extract.text.limits import Limits
    from docaudit.ingest.cache import ExtractionCache
    from docaudit.ingest.discover import SourceFile

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, current_path)`` while documents are read."""

_PREFERRED_PERSON: dict[str, Person] = {
    "birth_certificate": "child",
    "marriage_certificate": "applicant",
    "divorce_certificate": "applicant",
}


@dataclass(frozen=True)
class AuditOptions:
    as_of: dt.date | None = None
    ocr: bool = True
    cache_dir: Path | None = None
    use_cache: bool = True
    previous_profile: Path | None = None
    baseline: Path | None = None
    limits: Limits | None = None
    today: dt.date | None = None
    """The day the audit runs; tests pin it so reports are reproducible."""


@dataclass(frozen=True)
class ClientCase:
    """What the consultant wrote: the profile and the folder's configuration."""

    root: Path
    profile: Profile
    config: ClientConfig
    manifest: Manifest
    ita_profile: Profile | None = None


@dataclass(frozen=True)
class AuditResult:
    report: Report
    documents: tuple[Document, ...]
    case: ClientCase


def load_case(client_dir: Path, previous_profile: Path | None = None) -> ClientCase:
    """Read profile, configuration and manifest, or raise an error naming the file and line."""
    if not client_dir.is_dir():
        raise DocauditError(f"{client_dir}: no such client folder")
    profile_path = find_profile(client_dir)
    if profile_path is None:
        raise InputFileError(
            [
                Problem(
                    str(client_dir), "no profile.yaml or profile.json (create one: docaudit init)"
                )
            ]
        )
    problems: list[Problem] = []
    loaded: dict[str, object] = {}
    for name, loader in (
        ("profile", lambda: load_profile(profile_path, str(profile_path))),
        ("config", lambda: load_client_config(client_dir)),
        ("manifest", lambda: load_manifest(client_dir)),
        ("ita", lambda: _load_ita(client_dir, previous_profile)),
    ):
        try:
            loaded[name] = loader()
        except InputFileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputFileError(problems)
    return ClientCase(
        root=client_dir,
        profile=loaded["profile"],  # type: ignore[arg-type]
        config=loaded["config"],  # type: ignore[arg-type]
        manifest=loaded["manifest"],  # type: ignore[arg-type]
        ita_profile=loaded["ita"],  # type: ignore[arg-type]
    )


def _load_ita(client_dir: Path, previous: Path | None) -> Profile | None:
    path = previous or find_profile(client_dir, ITA_PROFILE_NAMES)
    return load_profile(path, str(path)) if path else None


def open_cache(options: AuditOptions) -> ExtractionCache | None:
    if not options.use_cache:
        return None
    from docaudit.ingest.cache import CacheUnavailable, ExtractionCache

    try:
        return ExtractionCache(options.cache_dir)
    except CacheUnavailable as exc:
        # The cache only saves time; an audit must never depend on it.
        log.warning("%s", exc)
        return None


def read_source(
    source: SourceFile,
    *,
    profile: Profile | None,
    manifest: Manifest | None = None,
    cache: ExtractionCache | None = None,
    ocr: bool = True,
    limits: Limits | None = None,
) -> Document:
    """One file to one Document: text (cached), type, person, facts. Never raises for a bad file."""
    from docaudit.extract.facts import Source
    from docaudit.extract.person import assign_person
    from docaudit.extract.reading import classify, read_facts
    from docaudit.extract.text import read_document
    from docaudit.extract.text.limits import Limits
    from docaudit.ingest.cache import options_key, read_cached

    entry = manifest.entry(source.rel) if manifest else None
    if entry is not None and entry.ignore:
        return _unused(source, "ignored", entry.reason or "ignored in manifest.yaml")
    if source.problem:
        return _unused(source, "unreadable", source.problem)
    try:
        if cache is None:
            text = read_document(source, ocr=ocr, limits=limits)
        else:
            text = read_cached(source, cache, ocr=ocr, limits=limits)
    except ExtractionError as exc:
        return _unused(
            source, "unsupported" if exc.kind == "unsupported" else "unreadable", exc.reason
        )
    key = options_key(ocr, limits or Limits.defaults())
    doc_type: DocType
    if entry is not None and entry.type is not None:
        doc_type, classified_by = entry.type, "manifest"
    else:
        doc_type, classified_by = classify(text, source.sha256, cache, key), "content"
    country = entry.country if entry is not None else None
    facts = read_facts(doc_type, Source(source.rel, source.sha256, text, country), cache, key)
    holders = [
        str(f.value["raw"]) for f in facts if f.kind == "person.name" and isinstance(f.value, dict)
    ]
    person: Person = (
        entry.person
        if entry is not None and entry.person is not None
        else assign_person(text.text, profile, _PREFERRED_PERSON.get(doc_type), holders)
    )
    return Document(
        rel=source.rel,
        sha256=source.sha256,
        size=source.size,
        file_type=source.file_type,
        text=text,
        status="ok",
        doc_type=doc_type,
        person=person,
        classified_by=classified_by,
        facts=facts,
        country=country,
    )


def _unused(source: SourceFile, status: DocStatus, problem: str) -> Document:
    if source.extension_mismatch:
        problem += f" (the name ends in {source.path.suffix}; the content is {source.file_type})"
    return Document(
        rel=source.rel,
        sha256=source.sha256,
        size=source.size,
        file_type=source.file_type,
        text=None,
        status=status,
        problem=problem,
    )


def read_documents(
    case: ClientCase, options: AuditOptions, progress: Progress | None = None
) -> tuple[Document, ...]:
    from docaudit.ingest.discover import discover

    sources = discover(case.root)
    cache = open_cache(options)
    documents: list[Document] = []
    for i, source in enumerate(sources):
        if progress:
            progress(i, len(sources), source.rel)
        documents.append(
            read_source(
                source,
                profile=case.profile,
                manifest=case.manifest,
                cache=cache,
                ocr=options.ocr,
                limits=options.limits,
            )
        )
    if progress:
        progress(len(sources), len(sources), "")
    return tuple(documents)


def run_checks(context: AuditContext, catalogue: Catalogue, config: ClientConfig) -> list[Finding]:
    from docaudit.checks import load_checks

    findings: list[Finding] = []
    for rule_id, chk in sorted(load_checks(catalogue).items()):
        findings.extend(complete(rule_id, chk.fn(context), catalogue, config.severity))
    return findings


def _sort_key(f: Finding) -> tuple[int, str, str, str]:
    return (-Severity(f.severity).rank, f.rule, f.subject, f.fingerprint)


def build_report(
    case: ClientCase,
    documents: tuple[Document, ...],
    findings: list[Finding],
    as_of: dt.date,
    catalogue: Catalogue,
    *,
    context: AuditContext | None = None,
    baselined: int = 0,
) -> Report:
    open_findings = [f for f in findings if f.waived is None]
    counts = {s.value: sum(1 for f in open_findings if f.severity == s) for s in Severity}
    extras = context.extras if context else {}
    return Report(
        tool=Tool(version=__version__, rules_version=catalogue.version),
        case=Case(
            client_id=case.profile.client_id,
            path=str(case.root),
            audited_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            as_of=as_of,
        ),
        documents=tuple(d.record() for d in documents),
        findings=tuple(sorted(findings, key=_sort_key)),
        crs=extras.get("crs_report") or None,
        noc=tuple(extras.get("noc_report", ())),
        summary=Summary(
            **counts,
            documents=len(documents),
            unreadable=sum(1 for d in documents if d.status in ("unreadable", "unsupported")),
            waived=len(findings) - len(open_findings),
            baselined=baselined,
        ),
    )


def audit_folder(
    client_dir: Path, options: AuditOptions | None = None, progress: Progress | None = None
) -> AuditResult:
    """Audit one client folder. Raises DocauditError only when the audit cannot run at all."""
    options = options or AuditOptions()
    case = load_case(client_dir, options.previous_profile)
    catalogue = load_catalogue()
    baseline = load_baseline(options.baseline) if options.baseline else None
    as_of = options.as_of or case.profile.as_of(options.today)
    documents = read_documents(case, options, progress)
    context = AuditContext(
        profile=case.profile,
        documents=documents,
        as_of=as_of,
        previous_profile=case.ita_profile,
        config=case.config,
    )
    findings = run_checks(context, catalogue, case.config)
    findings = apply_waivers(findings, case.config.waivers, as_of)
    hidden = 0
    if baseline is not None:
        findings, hidden = apply_baseline(findings, baseline)
    report = build_report(
        case, documents, findings, as_of, catalogue, context=context, baselined=hidden
    )
    return AuditResult(report, documents, case)


def extract_file(
    path: Path, *, ocr: bool = True, cache_dir: Path | None = None, use_cache: bool = True
) -> Document:
    """Read one file as an audit would (without a profile: person stays unknown)."""
    from docaudit.ingest.discover import describe_file

    cache = open_cache(AuditOptions(cache_dir=cache_dir, use_cache=use_cache))
    return read_source(describe_file(path), profile=None, cache=cache, ocr=ocr)


def fails(report: Report, fail_on: Severity | None) -> list[Finding]:
    """Findings at or above ``fail_on`` that are not waived: what makes the exit code 1."""
    from docaudit.report.context import counts_toward_failure

    return [f for f in report.findings if counts_toward_failure(f, fail_on)]
