"""The stamp's cut-down font: every Vietnamese letter is in it, and anything else falls back."""
from __future__ import annotations

import io
import unicodedata

from fontTools import ttLib

from signing.stamps import StampPlan, _repertoire_font, font_path, stamp_style

BASES = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # huyền, sắc, ngã, hỏi, nặng


def test_every_vietnamese_letter_with_every_tone_has_a_glyph():
    cmap = ttLib.TTFont(io.BytesIO(_repertoire_font(str(font_path())))).getBestCmap()
    letters = {unicodedata.normalize("NFC", base + tone) for base in BASES for tone in TONES} | set("đĐ")
    assert len(letters) == 146
    missing = sorted(c for c in letters if ord(c) not in cmap)
    assert not missing
    assert all(ord(c) in cmap for c in "0123456789:+-–/()., “”")


def test_a_letter_outside_the_repertoire_uses_the_whole_font():
    plan = StampPlan(box=(0, 0, 230, 40), text="Người số hóa: Ștefan 王", font_size=10)
    assert type(stamp_style(plan).text_box_style.font).__name__ == "GlyphAccumulatorFactory"
    plan = StampPlan(box=(0, 0, 230, 40), text="Người số hóa: Nguyễn Thị Ưởng\nThời gian", font_size=10)
    assert type(stamp_style(plan).text_box_style.font).__name__ == "_RepertoireFontFactory"


def test_a_cached_font_cut_short_is_cut_again(tmp_path, monkeypatch):
    """The cut-down font kept in the user's cache folder is read back only when whole: a file
    cut short (a crash before the disk had it all) would otherwise fail every stamped signature."""
    from signing import stamps

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    stamps._repertoire_font.cache_clear()
    try:
        font = stamps._repertoire_font(str(font_path()))
        (cached,) = (tmp_path / "sohoa" / "stamp-fonts").iterdir()
        assert cached.read_bytes() == font
        cached.write_bytes(font[: len(font) // 2])
        stamps._repertoire_font.cache_clear()
        assert stamps._repertoire_font(str(font_path())) == font
        assert cached.read_bytes() == font  # and kept whole again
    finally:
        stamps._repertoire_font.cache_clear()
