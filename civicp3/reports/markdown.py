"""Markdown that people write in the app (narratives, forewords), made safe and shown the
same way on the page, in the PDF and in Word.

`markdown_html` renders with markdown-it (raw HTML switched off), shifts headings below the
section heading, sanitises with nh3 and adds GOV.UK classes. `markdown_parts` gives the same
text as parts of bold and italic runs for python-docx, so Word gets real headings, lists and
emphasis.
"""

import re
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = {"p", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "br", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
GOVUK_CLASSES = {
    "p": "govuk-body",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
}

_parser = MarkdownIt("commonmark", {"html": False})


def _heading_tag(level: int) -> str:
    return "h3" if level <= 2 else "h4"


def markdown_html(text: str) -> str:
    tokens = _parser.parse(text or "")
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = _heading_tag(int(token.tag[1]))
    html = _parser.renderer.render(tokens, _parser.options, {})
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
    return re.sub(
        r"<(p|h3|h4|ul|ol|a)(?=[ >])",
        lambda m: f'<{m.group(1)} class="{GOVUK_CLASSES[m.group(1)]}"',
        clean,
    )


@dataclass(frozen=True)
class Run:
    """A stretch of text in one weight and slant (a Word run)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Part:
    """A heading, bullet, numbered item or paragraph, as runs."""

    kind: str  # "heading", "bullet", "number" or "paragraph"
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def _runs(children: list[Token]) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = 0
    for child in children:
        if child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold -= 1
        elif child.type == "em_open":
            italic += 1
        elif child.type == "em_close":
            italic -= 1
        elif child.type in ("text", "code_inline") and child.content:
            runs.append(Run(child.content, bold > 0, italic > 0))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(Run(" "))
    return tuple(runs)


def markdown_parts(text: str) -> list[Part]:
    """The text as parts with their bold and italic runs, for python-docx."""
    tokens = _parser.parse(text or "")
    parts: list[Part] = []
    lists: list[str] = []
    heading = False
    for token in tokens:
        if token.type == "bullet_list_open":
            lists.append("bullet")
        elif token.type == "ordered_list_open":
            lists.append("number")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline":
            runs = _runs(token.children or []) or (Run(token.content),)
            kind = "heading" if heading else (lists[-1] if lists else "paragraph")
            parts.append(Part(kind, runs))
    return parts


def markdown_text(text: str) -> str:
    """Plain text of the Markdown, one part a line (for version snapshots and diffs)."""
    marks = {"heading": "", "bullet": "• ", "number": "• ", "paragraph": ""}
    return "\n".join(marks[part.kind] + part.text for part in markdown_parts(text))
