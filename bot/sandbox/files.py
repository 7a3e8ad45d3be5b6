"""Files kept in memory: what users and the bot uploaded, found by file_id or by file_path.

A file_id is new for every upload while file_unique_id follows the bytes, as on Telegram; the bytes are
kept as uploaded (Telegram recompresses photos, but byte-for-byte round trips make tests exact)."""
from __future__ import annotations

import hashlib
import io
import mimetypes
from dataclasses import dataclass
from pathlib import PurePosixPath

FOLDERS = {"photo": "photos", "document": "documents", "voice": "voice"}


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    kind: str
    file_name: str | None = None
    mime_type: str | None = None
    width: int = 0
    height: int = 0


class NotAnImage(ValueError):
    pass


def image_size(data: bytes) -> tuple[int, int]:
    try:
        from PIL import Image
    except ImportError:  # Pillow is a project dependency; without it every photo is taken as given
        return 1280, 960
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except Exception as error:  # Pillow raises several kinds for bytes that are not an image
        raise NotAnImage(str(error)) from error


class FileStore:
    def __init__(self):
        self.by_id: dict[str, StoredFile] = {}
        self.by_path: dict[str, StoredFile] = {}
        self._count = 0

    def clear(self) -> None:
        self.by_id.clear()
        self.by_path.clear()

    def put(self, data: bytes, kind: str, file_name: str | None = None, mime_type: str | None = None,
            strict_image: bool = True) -> StoredFile:
        """Raises NotAnImage for a photo Pillow cannot read, unless `strict_image` is off."""
        width = height = 0
        if kind == "photo":
            try:
                width, height = image_size(data)
            except NotAnImage:
                if strict_image:
                    raise
                width, height = 1280, 960
        self._count += 1
        digest = hashlib.sha256(data).hexdigest()
        suffix = PurePosixPath(file_name).suffix if file_name else ""
        if kind == "photo":
            suffix = ".jpg"
        if mime_type is None and file_name:
            mime_type = mimetypes.guess_type(file_name, strict=False)[0]
        stored = StoredFile(
            file_id=f"{kind[:2].upper()}{self._count:06d}{digest[:24]}",
            file_unique_id=f"U{digest[:15]}",
            file_path=f"{FOLDERS.get(kind, 'files')}/file_{self._count}{suffix}",
            data=data, kind=kind, file_name=file_name, mime_type=mime_type, width=width, height=height,
        )
        self.by_id[stored.file_id] = stored
        self.by_path[stored.file_path] = stored
        return stored
