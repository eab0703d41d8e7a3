"""Reading and writing tables as CSV or XLSX: the one export helper, and the reader imports use.

Nothing here knows about improvements, so any list in the app can export through
`table_response` and any import can read through `read_table`.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.http import HttpResponse

Cell = str | int | float | Decimal | date | datetime | None

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A spreadsheet treats a cell starting with these as a formula: exported text must not run.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class UnreadableFile(ValueError):
    """The file is not a CSV or XLSX file this reader can open."""


def read_table(source: str | Path | IO[bytes], name: str = "") -> list[list[str]]:
    """Every row of the first sheet (XLSX) or of the file (CSV) as lists of stripped text.

    The format comes from the content (an XLSX file is a zip archive), not the file name.
    Numbers from a spreadsheet come back as text without a spurious ".0".
    """
    if isinstance(source, str | Path):
        data = Path(source).read_bytes()
    else:
        data = source.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnreadableFile("This is an old Excel (.xls) file: save it as .xlsx or CSV")
    return _read_csv(data)


def _read_csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise UnreadableFile("The file is not text: upload a CSV or XLSX file")
    if "\x00" in text:
        raise UnreadableFile("The file is not text: upload a CSV or XLSX file")
    try:
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    except csv.Error as error:
        raise UnreadableFile(f"The CSV file could not be read: {error}") from error


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFile(
            "The Excel file could not be opened: save it again as .xlsx"
        ) from error
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _safe_text(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _xlsx_value(value: Cell) -> Cell:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def table_bytes(
    fmt: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]], title: str
) -> bytes:
    """The table as a CSV (UTF-8 with a byte-order mark, so Excel reads it) or XLSX file."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(["" if v is None else _safe_text(v) for v in row])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    if fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        workbook = Workbook(write_only=False)
        sheet = workbook.active
        sheet.title = title[:31]
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_xlsx_value(v) for v in row])
        for row_cells in sheet.iter_rows(min_row=2):
            for cell in row_cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula, whatever it starts with
        sheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    raise ValueError(f"Unknown export format {fmt!r}")


def table_response(
    fmt: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]], title: str
) -> HttpResponse:
    """A download of the table: `fmt` is "csv" or "xlsx"; `filename` has no extension."""
    response = HttpResponse(table_bytes(fmt, headers, rows, title), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
