"""Every row of the store, for privacy tests that look for what must not be there."""
from __future__ import annotations

import hashlib
import json

from sqlalchemy import select

from models import Base


def _frozen(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False) if isinstance(value, dict | list) else value


async def every_row(sessions) -> dict[str, set[tuple]]:
    """Every row of every table, JSON values as their text (so a name inside a JSON column is seen)."""
    async with sessions() as session:
        return {table.name: {tuple(_frozen(value) for value in row) for row in await session.execute(select(table))}
                for table in Base.metadata.sorted_tables}


def new_rows(before: dict[str, set[tuple]], after: dict[str, set[tuple]]) -> dict[str, list[dict]]:
    """The rows that appeared, as column → value, by table."""
    tables = {table.name: table for table in Base.metadata.sorted_tables}
    return {name: [dict(zip(tables[name].columns.keys(), row, strict=True)) for row in after[name] - before[name]]
            for name in after if after[name] - before[name]}


def person_columns(table_name: str) -> list[str]:
    table = Base.metadata.tables[table_name]
    return [column.name for column in table.columns
            if any(key.column.table.name in ("persons", "students") for key in column.foreign_keys)]


def naive_hashes(values) -> set[str]:
    """What a careless design would store: plain hashes of an id or a name, which anyone can recompute."""
    found = set()
    for value in values:
        for digest in (hashlib.sha256, hashlib.md5, hashlib.sha1):
            found.add(digest(str(value).encode()).hexdigest())
    return found
