"""Evidence files: what they are is decided by their content, never by their name.

`filetype` reads the file's first bytes; an Office document (.docx/.xlsx/.pptx) is a zip
archive, so it must also hold the `[Content_Types].xml` part every Office Open XML file has.
"""

import zipfile
from dataclasses import dataclass
from typing import IO

import filetype

ALLOWED: dict[str, str] = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG image",
    "image/png": "PNG image",
    "image/gif": "GIF image",
    "image/webp": "WebP image",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel spreadsheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        "PowerPoint presentation"
    ),
}
_OFFICE_FOLDERS = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
KINDS_TEXT = "a PDF, an image (JPEG, PNG, GIF or WebP) or a Word, Excel or PowerPoint file"


class BadUpload(ValueError):
    pass


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int


def check_upload(file: IO[bytes], *, name: str, size: int, max_bytes: int) -> CheckedFile:
    """The file's real type if it is one we accept and not over `max_bytes`; else BadUpload."""
    if size > max_bytes:
        raise BadUpload(f"{name} must be smaller than {max_bytes // (1024 * 1024)}MB")
    if size == 0:
        raise BadUpload(f"{name} is empty")
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime in _OFFICE_FOLDERS.values() or mime == "application/zip":
        mime = _office_type(file)
        file.seek(0)
    if mime not in ALLOWED:
        raise BadUpload(f"{name} must be {KINDS_TEXT}")
    return CheckedFile(content_type=mime, size=size)


def _office_type(file: IO[bytes]) -> str:
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return ""
    if "[Content_Types].xml" not in names:
        return ""
    for folder, mime in _OFFICE_FOLDERS.items():
        if any(entry.startswith(folder) for entry in names):
            return mime
    return ""
