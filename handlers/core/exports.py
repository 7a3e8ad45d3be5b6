"""The files every downloadable list is given as: CSV and XLSX with the same conventions everywhere.

A list is a `Table` (a title, its column headers, its rows). Both files start with the class's name as the
first column, so lists of several classes can be pasted together; dates are ISO (2026-11-24; in XLSX real
dates shown yyyy-mm-dd), times ISO in the class's zone without an offset; CSV is UTF-8 with a BOM, which is
what makes Excel on Windows read Chinese. A feature's list joins by building its `Table` and answering with
`files(...)` (see ARCHITECTURE.md, "Downloading a list")."""
from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Font

from handlers.core.errors import UserError
from handlers.core.messages import Button, ButtonPress, Media
from handlers.core.sheets import sheet_title

if TYPE_CHECKING:
    from handlers.core.context import Context
    from models import ClassGroup

BOM = "\ufeff"
EXPORT_BUTTON = "export"


@dataclass
class Table:
    title: str  # the sheet's title, and the CSV's file name
    header: list[str]
    rows: list[list] = field(default_factory=list)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def csv_bytes(class_name: str, class_header: str, table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([class_header, *table.header])
    for row in table.rows:
        writer.writerow([class_name, *(_cell_text(value) for value in row)])
    return (BOM + out.getvalue()).encode("utf-8")


def xlsx_bytes(class_name: str, class_header: str, tables: list[Table]) -> bytes:
    """One sheet per table, the header bold, the class's name first on every row."""
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for number, table in enumerate(tables, start=1):
        title = sheet_title(table.title, f"sheet{number}")
        if title in used:  # Excel refuses two sheets of one title
            title = sheet_title(f"{title[:27]} {number}", f"sheet{number}")
        used.add(title)
        sheet = book.create_sheet(title)
        sheet.append([class_header, *table.header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([class_name, *(_xlsx_value(value) for value in row)])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value):
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return value


def file_stem(text: str) -> str:
    """A file name's stem from any title: no path separators or characters Windows refuses."""
    stem = "".join("-" if char in '\\/:*?"<>|' or ord(char) < 32 else char for char in text).strip(" .")
    return stem[:60] or "export"


def files(class_name: str, class_header: str, tables: list[Table], stem: str) -> list[Media]:
    """The list as the two documents: one XLSX of every table, and a CSV per table."""
    stem = file_stem(stem)
    media = [Media("document", xlsx_bytes(class_name, class_header, tables), f"{stem}.xlsx")]
    for table in tables:
        name = stem if len(tables) == 1 else f"{stem}-{file_stem(table.title)}"
        media.append(Media("document", csv_bytes(class_name, class_header, table), f"{name}.csv"))
    return media


@dataclass
class ExportList:
    """What a press of ⬇️ downloads: the class the list is of, its tables, and the files' name."""

    class_group: ClassGroup
    tables: list[Table]
    stem: str


def button(ctx: Context, name: str, *args: str) -> tuple[Button, ...]:
    """The ⬇️ CSV / XLSX row to put under a list: `name` is an `Export` a manifest declares."""
    return (Button(ctx.text("exports.button"), EXPORT_BUTTON, (name, *args)),)


async def export_button(ctx: Context, press: ButtonPress) -> None:
    from handlers.core.registry import registry

    export = registry().exports.get(press.args[0]) if press.args else None
    if export is None:
        raise UserError("stale_button")
    found = await export.build(ctx, tuple(press.args[1:]))
    class_header = html.unescape(ctx.text("exports.col_class"))
    ctx.say("exports.files", rows=sum(len(table.rows) for table in found.tables),
            media=files(found.class_group.name, class_header, found.tables, found.stem))
