"""Generated page files and a workspace dossier made of them, for the intake and pages tests."""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw


def page_file(folder: Path, number: int, *, size: tuple[int, int] = (420, 594)) -> Path:
    """An A4-shaped page with a big page number and a few lines of 'text', different per page."""
    folder.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 30, size[0] - 30, 90), outline="black", width=3)
    draw.text((size[0] // 2 - 20, 45), f"{number}", fill="black", font_size=36)
    for line in range(8):
        y = 130 + line * 40
        draw.line((40, y, size[0] - 40 - (line * 17 * number) % 120, y), fill="black", width=4)
    path = folder / f"page-{number}.png"
    image.save(path, dpi=(50, 50))
    return path


def dossier_with_pages(workspace_dir: Path, tmp_path: Path, pages: int = 4, documents: int = 1) -> tuple[int, list[int]]:
    """A dossier of today with ``documents`` documents of ``pages`` generated pages each;
    returns (dossier id, document ids)."""
    from dossier.workspace import Workspace

    with Workspace.open(workspace_dir, user="thử nghiệm") as ws:
        dossier = ws.create_dossier()
        ids = []
        for d in range(documents):
            document = ws.add_document(dossier.id)
            ws.add_pages(document.id, [page_file(tmp_path / "paper", d * 100 + n + 1) for n in range(pages)])
            ids.append(document.id)
    return dossier.id, ids
