"""scans.charts: server-side SVG with escaped labels, a title and a description, and its table."""

import re
from types import SimpleNamespace as NS

from scans.charts import gap_chart, gap_table, radar_chart, radar_table
from scans.results import Score, ThemeResult


def _themes(labels=None):
    labels = labels or ["Sterktes", "Draagvlak", "Richting", "Werkwijzen", "Huisvesting"]
    return [
        ThemeResult(key=str(n), label=label, gemeente=Score(4 * (n + 1), 2 * (n + 1)), ocmw=Score(3, 1))
        for n, label in enumerate(labels)
    ]


def test_radar_holds_every_theme_label_title_and_description():
    svg = str(radar_chart(_themes(), chart_id="radar"))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg and 'aria-labelledby="radar-title radar-desc"' in svg
    assert '<title id="radar-title">Gemiddelde score per thema: gemeente en OCMW</title>' in svg
    assert "<desc" in svg and "Draagvlak: gemeente 2,0, OCMW 3,0." in svg
    for label in ("Sterktes", "Draagvlak", "Richting", "Werkwijzen", "Huisvesting"):
        assert label in svg
    assert svg.count("<polygon") == 5 + 2  # five rings, two series
    assert 'stroke-dasharray="8 5"' in svg  # OCMW differs by more than its colour
    assert "Gemeente" in svg and "OCMW" in svg  # the legend
    assert 'viewBox="0 0 640 480"' in svg


def test_radar_escapes_labels_and_uses_no_style_or_external_references():
    evil = '<script>alert("x")</script><image href="http://evil.example/x.png"/>'
    svg = str(radar_chart(_themes([evil, "B & C", "C", "D", "E"])))
    assert "<script" not in svg and "<image" not in svg
    assert "&lt;script&gt;" in svg and "B &amp; C" in svg
    assert "style" not in svg and "http://evil" not in svg.replace("&quot;http://evil", "")
    assert not re.search(r'(?:href|src)="', svg)


def test_radar_without_a_series_draws_only_the_other():
    themes = _themes()
    for theme in themes:
        theme.ocmw = Score()
    svg = str(radar_chart(themes))
    assert svg.count("<polygon") == 6 and "<rect" in svg  # legend square only
    assert "OCMW –" in svg


def test_radar_table_has_the_same_numbers():
    table = radar_table(_themes())
    assert table.headers[:3] == ["Thema", "Gemeente", "OCMW"]
    assert table.rows[0] == ["Sterktes", "2,0", "3,0", "−1,0", "2", "1"]


def test_gap_chart_writes_values_and_escapes_names():
    services = [
        NS(name="ICT", current=2.0, desired=4.5, gap=2.5),
        NS(name="<b>Archief</b>", current=None, desired=None, gap=None),
    ]
    svg = str(gap_chart(services, chart_id="kloof"))
    assert "<title" in svg and "<desc" in svg and 'aria-labelledby="kloof-title kloof-desc"' in svg
    assert "ICT" in svg and "&lt;b&gt;Archief&lt;/b&gt;" in svg and "<b>" not in svg
    assert "2,0" in svg and "4,5" in svg and "+2,5" in svg
    assert "nog geen kwaliteitsscores" in svg
    assert "style" not in svg


def test_gap_table():
    service = NS(
        name="ICT",
        working_methods_label="",
        fte_gemeente=1,
        fte_ocmw=0,
        current=2.0,
        desired=4.0,
        gap=2.0,
        total_scenario_label="",
    )
    assert gap_table([service]).rows == [
        ["ICT", "Nog niet beoordeeld", "1,00", "0,00", "2,0", "4,0", "+2,0", "Nog niet gekozen"]
    ]
