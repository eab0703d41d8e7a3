"""A small document model that every report is written in once.

The HTML page, the PDF (the same HTML through WeasyPrint) and the Word file all read the same
`Document`: headings, paragraphs, key figures, tables and figures (an SVG chart with its data
table). Nothing here knows about Django models.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

Cell = str | int | Decimal | date | None


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2
    kind: str = "heading"


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "paragraph"


@dataclass(frozen=True)
class Figures:
    """Key figures shown large: (label, value) pairs."""

    items: Sequence[tuple[str, str]]
    kind: str = "figures"


@dataclass(frozen=True)
class Table:
    caption: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    # Columns holding numbers (right-aligned); the first column is the row header.
    numeric: frozenset[int] = frozenset()
    # Shown when there are no rows: what would fill the table.
    empty: str = "None."
    kind: str = "table"

    def text_rows(self) -> list[list[str]]:
        return [[cell_text(cell) for cell in row] for row in self.rows]


@dataclass(frozen=True)
class Figure:
    """A chart (SVG markup) and the data table a reader can use instead of it. `summary` says
    in a sentence what the chart shows (the picture's alt text in Word)."""

    caption: str
    svg: str
    table: Table
    summary: str = ""
    kind: str = "figure"

    @property
    def alt_text(self) -> str:
        summary = self.summary or "The figures are in the table that follows the chart."
        return f"{self.caption}. {summary}"


@dataclass(frozen=True)
class Markdown:
    """Text a person wrote in Markdown: sanitised HTML on the page and in the PDF, real Word
    headings and lists in the DOCX."""

    text: str
    kind: str = "markdown"

    @property
    def html(self) -> str:
        from civicp3.reports.markdown import markdown_html

        return markdown_html(self.text)


@dataclass(frozen=True)
class PageBreak:
    """A new page in print and Word (before an appendix)."""

    kind: str = "pagebreak"


Block = Heading | Paragraph | Figures | Table | Figure | Markdown | PageBreak


# A document of record says where it stands; anything not yet issued is marked DRAFT.
DRAFT = "Draft"
ISSUED = ("Issued", "Endorsed", "Submitted", "Published", "Adopted")
NOT_COMPLETED = "Not yet completed"


@dataclass
class Document:
    title: str
    caption: str = ""  # the council, above the title
    blocks: list[Block] = field(default_factory=list)
    # Documents of record (plans, committee reports): Draft, Issued, Endorsed, Submitted or
    # Published, and the date the figures were taken. Empty for a management report.
    status: str = ""
    as_at: date | None = None
    council: str = ""  # who publishes it, when the caption names something else (a project)

    @property
    def publisher(self) -> str:
        """The council named as the Word file's author and company."""
        return self.council or self.caption or "Civic P3"

    @property
    def draft(self) -> bool:
        return bool(self.status) and self.status not in ISSUED

    @property
    def standing(self) -> str:
        """ "Draft · Figures as at 15 July 2024": printed under the title of every document."""
        parts = [self.status] if self.status else []
        if self.as_at:
            parts.append(f"Figures as at {self.as_at:%-d %B %Y}")
        return " · ".join(parts)

    def add(self, *blocks: Block) -> "Document":
        self.blocks.extend(blocks)
        return self

    def append_appendix(self, label: str, appendix: "Document") -> "Document":
        """Attach another document on a new page as "Appendix N: title", its own headings
        kept below the appendix heading."""
        self.blocks.append(PageBreak())
        self.blocks.append(Heading(f"{label}: {appendix.title}", level=1))
        if appendix.caption:
            self.blocks.append(Paragraph(appendix.caption))
        self.blocks.extend(appendix.blocks)
        return self

    def text(self) -> str:
        """The document as plain text, a line per heading, paragraph, figure or table row
        (what a version snapshot keeps and a comparison shows)."""
        from civicp3.reports.markdown import markdown_text

        lines = [self.caption, self.title, self.standing]
        for block in self.blocks:
            if isinstance(block, Heading | Paragraph):
                lines.append(block.text)
            elif isinstance(block, Markdown):
                lines.extend(markdown_text(block.text).splitlines())
            elif isinstance(block, Figures):
                lines.extend(f"{value} {label}" for label, value in block.items)
            elif isinstance(block, Table | Figure):
                table = block.table if isinstance(block, Figure) else block
                lines.append(table.caption)
                lines.extend(" | ".join(row) for row in table.text_rows())
        return "\n".join(line for line in lines if line)

    def figures(self) -> dict[str, str]:
        """Every figure the document shows, by a name a reader recognises: each key figure
        ("benefits realised to date") and each table cell ("Commitments: <row>: Status"). What a
        snapshot keeps so the working copy can say, figure by figure, what has changed."""
        found: dict[str, str] = {}
        for block in self.blocks:
            if isinstance(block, Figures):
                found.update((label, value) for label, value in block.items)
            elif isinstance(block, Table | Figure):
                table = block.table if isinstance(block, Figure) else block
                for row in table.text_rows():
                    for header, value in zip(table.headers[1:], row[1:], strict=False):
                        found[f"{table.caption}: {row[0]}: {header}"] = value
        return found

    def tables(self) -> list[Table]:
        """Every table, including each figure's data table (for the XLSX download)."""
        return [
            block.table if isinstance(block, Figure) else block
            for block in self.blocks
            if isinstance(block, Table | Figure)
        ]


def money(value: Decimal) -> str:
    """£1,234 for whole pounds, £1,234.50 otherwise."""
    value = Decimal(value).quantize(Decimal("0.01"))
    if value == value.to_integral_value():
        return f"£{value:,.0f}"
    return f"£{value:,.2f}"


def number(value: Decimal | int) -> str:
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def cell_text(cell: Cell) -> str:
    if cell is None:
        return "—"
    if isinstance(cell, date):
        return cell.strftime("%-d %B %Y")
    if isinstance(cell, Decimal) and cell.as_tuple().exponent == -2:
        return f"{cell:,.2f}"  # money and other two-place figures keep their pence
    if isinstance(cell, Decimal | int) and not isinstance(cell, bool):
        return number(cell)
    return str(cell)
