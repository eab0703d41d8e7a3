"""Evidence files: what they are is decided by their content, never by their name.

`filetype` reads the file's first bytes (a PDF starts `%PDF-`, a PNG with its 8-byte
signature, and so on). An Office document (.docx/.xlsx/.pptx) is a zip archive, so its
`[Content_Types].xml` part must also declare the main part of that kind of document; a
macro-enabled or unknown archive is refused. The file's name must then end as its content
says, so a program or web page cannot arrive dressed as a PDF, nor a PDF leave as a web page.
"""

import zipfile
from dataclasses import dataclass
from typing import IO

import filetype
from lxml import etree

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
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (".pptx",),
}
_OFFICE = [mime for mime in ALLOWED if mime.startswith("application/vnd.openxmlformats")]
# [Content_Types].xml gives an Office document's main part its type with ".main+xml" added.
_OFFICE_MAIN = {f"{mime}.main+xml": mime for mime in _OFFICE}
_CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
KINDS_TEXT = "a PDF, an image (JPEG, PNG, GIF or WebP) or a Word, Excel or PowerPoint file"


class BadUpload(ValueError):
    pass


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int


def check_upload(file: IO[bytes], *, name: str, size: int, max_bytes: int) -> CheckedFile:
    """The file's real type if it is one we accept, its name ends as its content says and it
    is not over `max_bytes`; else BadUpload naming the file."""
    if size > max_bytes:
        raise BadUpload(f"{name} must be smaller than {max_bytes // (1024 * 1024)}MB")
    if size == 0:
        raise BadUpload(f"{name} is empty")
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime in _OFFICE or mime == "application/zip":
        mime = _office_type(file)
        file.seek(0)
    if mime not in ALLOWED:
        raise BadUpload(
            f"{name} must be {KINDS_TEXT}: its content is none of these, whatever its name says"
        )
    endings = EXTENSIONS[mime]
    if not name.lower().endswith(endings):
        raise BadUpload(f"{name} is a {ALLOWED[mime]}, so its name must end {' or '.join(endings)}")
    return CheckedFile(content_type=mime, size=size)


def _office_type(file: IO[bytes]) -> str:
    """The Office type the archive's [Content_Types].xml declares for its main part, or ""."""
    try:
        with zipfile.ZipFile(file) as archive:
            if archive.getinfo("[Content_Types].xml").file_size > 1024 * 1024:
                return ""
            declared = archive.read("[Content_Types].xml")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return ""
    try:
        root = etree.fromstring(
            declared, parser=etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError:
        return ""
    found = {
        _OFFICE_MAIN[override.get("ContentType", "")]
        for override in root.iter(f"{_CONTENT_TYPES_NS}Override")
        if override.get("ContentType", "") in _OFFICE_MAIN
    }
    return found.pop() if len(found) == 1 else ""
