"""Reading and writing roster files: CSV (UTF-8 or the GB18030 that Chinese Excel saves) and XLSX."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook

from handlers.core.errors import UserError
from handlers.core.sheets import sheet_title

MAX_IMPORT_BYTES = 2_000_000
MAX_IMPORT_ROWS = 2000
HEADER_WORDS = {"name", "姓名", "名字", "学生", "学生姓名", "child"}


@dataclass
class ImportedRow:
    line: int
    name: str
    number: str | None


def read_roster_file(data: bytes, file_name: str | None) -> list[ImportedRow]:
    """Rows of (line number, name, number). Raises a UserError for a file we cannot read at all."""
    if not data.strip():
        raise UserError("import_empty")
    if len(data) > MAX_IMPORT_BYTES:
        raise UserError("import_too_big")
    if data.startswith(b"PK\x03\x04"):
        cells = _xlsx_rows(data)
    elif (file_name or "").lower().endswith((".xlsx", ".xls", ".numbers", ".pdf", ".doc", ".docx")) or b"\x00" in data[
        :4096
    ]:
        raise UserError("import_bad_format")
    else:
        cells = _csv_rows(data)
    rows = []
    for line, values in cells:
        values = [("" if v is None else str(v)).strip() for v in values]
        if not any(values):
            continue
        if not rows and values[0].lower() in HEADER_WORDS:
            continue
        number = values[1] if len(values) > 1 and values[1] else None
        if number and number.endswith(".0") and number[:-2].isdigit():
            number = number[:-2]  # spreadsheets hand back student numbers as floats
        rows.append(ImportedRow(line=line, name=values[0], number=number))
    if not rows:
        raise UserError("import_empty")
    if len(rows) > MAX_IMPORT_ROWS:
        raise UserError("import_too_big")
    return rows


def _csv_rows(data: bytes):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UserError("import_bad_format")
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t，")
    except csv.Error:
        dialect = csv.excel
    return enumerate(csv.reader(io.StringIO(text), dialect), start=1)


def _xlsx_rows(data: bytes):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file; all mean "cannot read it"
        raise UserError("import_bad_format") from None
    sheet = workbook.worksheets[0]
    return list(enumerate(sheet.iter_rows(values_only=True), start=1))


def roster_csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    # The BOM makes Excel open Chinese names correctly.
    return out.getvalue().encode("utf-8-sig")


def roster_xlsx(title: str, header: list[str], rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(title, "roster")
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for column, width in zip("ABCDE", (8, 16, 10, 40, 10), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
