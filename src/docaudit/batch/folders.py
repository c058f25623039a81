"""Which sub-folders of the clients directory are clients, and why the others are not."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docaudit.core.errors import DocauditError
from docaudit.core.profile_loader import find_profile


@dataclass(frozen=True)
class ClientFolder:
    name: str
    """The folder's name: unique within the clients directory, so it names the reports."""
    path: Path


@dataclass(frozen=True)
class SkippedFolder:
    name: str
    reason: str


def find_clients(
    clients_dir: Path, ignore: Path | None = None
) -> tuple[list[ClientFolder], list[SkippedFolder]]:
    """Immediate sub-folders with a profile, sorted by name; the rest with the reason.

    ``ignore`` is the output folder when it sits inside the clients directory: it is ours, not a
    client folder missing a profile. Hidden folders are left out silently, as ``discover`` does.
    """
    if not clients_dir.is_dir():
        raise DocauditError(f"{clients_dir}: no such folder")
    clients: list[ClientFolder] = []
    skipped: list[SkippedFolder] = []
    ignored = ignore.resolve() if ignore is not None else None
    for entry in sorted(clients_dir.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or not entry.is_dir():
            continue
        if ignored is not None and entry.resolve() == ignored:
            continue
        if find_profile(entry) is not None:
            clients.append(ClientFolder(entry.name, entry.absolute()))
        else:
            skipped.append(SkippedFolder(entry.name, "no profile.yaml or profile.json"))
    if not clients:
        hint = (
            "; it is a client folder itself: use docaudit audit"
            if find_profile(clients_dir) is not None
            else ""
        )
        raise DocauditError(
            f"{clients_dir}: no client folder (a sub-folder holding profile.yaml or "
            f"profile.json){hint}"
        )
    return clients, skipped


def check_output_dir(output_dir: Path, clients: list[ClientFolder]) -> None:
    """Refuse an output folder inside a client folder: reports must never land among evidence."""
    out = output_dir.resolve()
    for client in clients:
        root = client.path.resolve()
        if out == root or out.is_relative_to(root):
            raise DocauditError(
                f"{output_dir}: inside the client folder {client.name}; docaudit never writes "
                "into client folders (choose another --output-dir)"
            )
