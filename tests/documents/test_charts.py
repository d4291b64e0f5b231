"""Structure chart: valid SVG/PNG, Chinese text present, deterministic SVG, explicit CJK font."""

import io
import warnings
import xml.etree.ElementTree as ET

import pytest
from matplotlib import font_manager

from kaoping.documents import charts
from kaoping.documents.charts import BandBar, CategoryBar, StructureChartData, band_targets, structure_chart

DATA = StructureChartData(
    title="常州市信息中心岗位结构",
    categories=[CategoryBar("管理岗位", 18, 18), CategoryBar("专业技术岗位", 13, 12)],
    bands=[BandBar("高级", 5, 5), BandBar("中级", 4, 4), BandBar("初级", 3, 4)],
    bands_title="专业技术岗位结构（目标比例 5∶4∶4）",
)


def test_svg_is_valid_xml_with_the_chinese_labels_and_title():
    svg = structure_chart(DATA, "svg")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = svg.decode()
    assert "<title>常州市信息中心岗位结构</title>" in text
    # glyphs are paths; matplotlib keeps each drawn string as a comment next to them
    for label in (
        "管理岗位",
        "专业技术岗位",
        "高级",
        "中级",
        "初级",
        "核准岗位数",
        "已设置岗位数",
        "按结构比例",
    ):
        assert f"<!-- {label} -->" in text, label


def test_svg_is_deterministic_and_has_no_date():
    first = structure_chart(DATA, "svg")
    assert first == structure_chart(DATA, "svg")
    assert b"<dc:date>" not in first


def test_svg_changes_with_the_data():
    other = StructureChartData(DATA.title, [CategoryBar("管理岗位", 18, 17)])
    assert structure_chart(other, "svg") != structure_chart(DATA, "svg")


def test_png_is_a_png_image():
    png = structure_chart(DATA, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    assert image.width > image.height > 300


def test_the_cjk_font_is_named_explicitly():
    name = charts.cjk_font_name()
    assert name in charts.CJK_FONT_CANDIDATES
    path = font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
    assert "CJK" in path or "cjk" in path.lower() or name != "Noto Sans CJK SC"


def test_missing_cjk_font_falls_back_with_a_warning(monkeypatch):
    monkeypatch.setattr(charts, "CJK_FONT_CANDIDATES", ("No Such Font SC",))
    charts.cjk_font_name.cache_clear()
    try:
        with pytest.warns(charts.CJKFontMissing):
            assert charts.cjk_font_name() == charts.FALLBACK_FONT
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert structure_chart(DATA, "svg").startswith(b"<?xml")
    finally:
        charts.cjk_font_name.cache_clear()


def test_band_targets_split_the_total_by_the_ratio():
    assert band_targets([BandBar("高级", 5, 5), BandBar("中级", 4, 4), BandBar("初级", 4, 4)]) == [5, 4, 4]
    assert band_targets([BandBar("高级", 1, 1), BandBar("中级", 5, 3), BandBar("初级", 4, 6)]) == [1, 3, 6]
    assert band_targets([BandBar("高级", 2, 0), BandBar("中级", 1, 0)]) == [0.0, 0.0]


def test_bands_without_a_ratio_draw_only_the_posts_set():
    data = StructureChartData("图", [CategoryBar("管理岗位", 1, 1)], [BandBar("高级", 2), BandBar("中级", 1)])
    text = structure_chart(data, "svg").decode()
    assert "<!-- 按结构比例 -->" not in text and "<!-- 高级 -->" in text


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        structure_chart(DATA, "gif")
