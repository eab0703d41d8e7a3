"""Markdown that people write in the app (narratives, forewords), made safe and shown the
same way on the page, in the PDF and in Word.

`markdown_html` renders with markdown-it (raw HTML switched off), shifts headings below the
section heading, sanitises with nh3 and adds GOV.UK classes. `markdown_parts` gives the same
text as (style, text) parts for python-docx, so Word gets real headings and bullet lists.
"""

import re

import nh3
from markdown_it import MarkdownIt

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


def markdown_parts(text: str) -> list[tuple[str, str]]:
    """(kind, text) pairs: kind is "heading", "bullet", "number" or "paragraph"."""
    tokens = _parser.parse(text or "")
    parts: list[tuple[str, str]] = []
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
            plain = (
                "".join(
                    child.content if child.type in ("text", "code_inline") else ""
                    for child in token.children or []
                )
                or token.content
            )
            kind = "heading" if heading else (lists[-1] if lists else "paragraph")
            parts.append((kind, plain))
    return parts


def markdown_text(text: str) -> str:
    """Plain text of the Markdown, one part a line (for version snapshots and diffs)."""
    marks = {"heading": "", "bullet": "• ", "number": "• ", "paragraph": ""}
    return "\n".join(marks[kind] + part for kind, part in markdown_parts(text))
