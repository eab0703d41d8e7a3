"""The guides for each role: Markdown files in docs/guides, with screenshots in
docs/guides/images taken by tests/guides/test_guide_screenshots_browser.py.

The same files are the guides in `docs/` and the pages at /guides/: one source, no copy step.
A guide is read as its title ("# …"), an introduction, and steps ("## …"); a line holding
only an image (`![what it shows](images/name.png)`) becomes a figure, the rest is rendered by
civicp3.reports.markdown (sanitised, GOV.UK classes).
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from civicp3.organisation.roles import Role
from civicp3.reports.markdown import markdown_html

IMAGE_LINE = re.compile(r"^!\[(?P<alt>[^\]]+)\]\(images/(?P<name>[a-z0-9-]+\.png)\)$")
IMAGE_NAME = re.compile(r"^[a-z0-9-]+\.png$")


def guides_dir() -> Path:
    """Where the guides are: docs/guides in the checkout, or GUIDES_DIR if it is set."""
    return Path(settings.GUIDES_DIR)


@dataclass(frozen=True)
class Guide:
    slug: str
    audience: str
    roles: frozenset[str]


GUIDES: tuple[Guide, ...] = (
    Guide("pmo-officer", "PMO officers", frozenset({Role.PMO})),
    Guide("project-manager", "Project managers", frozenset({Role.PROJECT_MANAGER})),
    Guide(
        "sponsor-and-board-member",
        "Sponsors and board members",
        frozenset({Role.SPONSOR, Role.BOARD_MEMBER}),
    ),
    Guide(
        "improvement-team",
        "The improvement team and green belt champions",
        frozenset({Role.IMPROVEMENT_TEAM, Role.GREEN_BELT_CHAMPION}),
    ),
    Guide("service-manager", "Service managers raising requests", frozenset({Role.STAFF})),
    Guide("council-administrator", "Council administrators", frozenset({Role.COUNCIL_ADMIN})),
)
BY_SLUG = {guide.slug: guide for guide in GUIDES}


@dataclass(frozen=True)
class Figure:
    alt: str
    name: str


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: list[SafeString | Figure]


@dataclass(frozen=True)
class Page:
    title: str
    intro: list[SafeString | Figure]
    sections: list[Section]

    @property
    def images(self) -> list[str]:
        blocks = [*self.intro, *(b for s in self.sections for b in s.blocks)]
        return [block.name for block in blocks if isinstance(block, Figure)]


def for_roles(roles: frozenset[str] | set[str]) -> list[Guide]:
    return [guide for guide in GUIDES if guide.roles & set(roles)]


def source(guide: Guide) -> str:
    return (guides_dir() / f"{guide.slug}.md").read_text(encoding="utf-8")


def _blocks(lines: list[str]) -> list[SafeString | Figure]:
    blocks: list[SafeString | Figure] = []
    text: list[str] = []

    def flush() -> None:
        if "".join(text).strip():
            blocks.append(mark_safe(markdown_html("\n".join(text))))  # sanitised by nh3
        text.clear()

    for line in lines:
        found = IMAGE_LINE.match(line.strip())
        if found:
            flush()
            blocks.append(Figure(found["alt"], found["name"]))
        else:
            text.append(line)
    flush()
    return blocks


def parse(markdown: str) -> Page:
    """A guide's title, introduction and steps (see the module's docstring)."""
    title, intro, sections = "", [], []
    heading, lines = None, []
    for line in markdown.splitlines():
        if line.startswith("# ") and not title:
            title = line[2:].strip()
        elif line.startswith("## "):
            if heading is None:
                intro = _blocks(lines)
            else:
                sections.append(Section(heading, _blocks(lines)))
            heading, lines = line[3:].strip(), []
        else:
            lines.append(line)
    if heading is None:
        intro = _blocks(lines)
    else:
        sections.append(Section(heading, _blocks(lines)))
    return Page(title, intro, sections)


def page(guide: Guide) -> Page:
    return parse(source(guide))


def image_path(name: str) -> Path | None:
    """A guide's screenshot by its file name, if the name is a plain PNG name that exists."""
    if not IMAGE_NAME.match(name):
        return None
    path = guides_dir() / "images" / name
    return path if path.is_file() else None
