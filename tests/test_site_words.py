"""The reader's words: headlines, bottom lines and reasons, made from the real base's records."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from evkb.engine.check import run_check
from evkb.engine.config import load_config
from evkb.load.loader import load
from evkb.site.pages import Options, Site
from evkb.site.pages.headline import MAX_TITLE, front_matter_text, shorten
from evkb.site.pages.reasons import Names, downgrade_reasons, verdict_reasons

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    kb = load(REPO, tmp_path_factory.mktemp("cache"))
    return Site(run_check(kb, load_config(REPO)), Options())


def test_short_statements_are_kept_whole_and_long_ones_cut_at_a_boundary():
    assert shorten("Backward walking burns more calories.") == "Backward walking burns more calories"
    assert shorten("Backward walking can cut knee joint stress by up to 40% compared with forward walking.") == \
        "Backward walking can cut knee joint stress by up to 40%"
    assert shorten("In a randomised trial of 68 adults with knee osteoarthritis, six weeks of backward walking "
                   "reduced pain.") == "Six weeks of backward walking reduced pain"
    long = "Backward walking " + "improves something rather particular and " * 4 + "ends here."
    cut = shorten(long)
    assert len(cut) <= MAX_TITLE + 1 and cut.endswith("…")
    assert long.startswith(cut[:-1]) and long[len(cut) - 1] == " "          # never inside a word
    assert not cut[:-1].endswith((" and", " the", " of"))


def test_front_matter_text_is_yaml_holding_the_escaped_text():
    for text in ("O'Brien & <b>bold</b> \"quoted\"", "tab\there \\ back", "emoji 🙂 and \u2028 sep", "x: y # z"):
        value = yaml.safe_load("title: " + front_matter_text(text))["title"]
        assert "<" not in value and '"' not in value and "'" not in value
        assert html.unescape(value) == " ".join(text.split())


def test_every_bottom_line_is_short_and_names_no_bibtex_key(site):
    keys = set(site.kb.references)
    for cid, loaded in site.kb.claims.items():
        line = site.bottom_line(cid)
        assert line and len(line.split()) <= 41, (cid, line)
        assert not (set(re.findall(r"[a-z]+\d{4}[a-z0-9]*", line)) & keys), (cid, line)


def test_a_figure_that_overstates_says_the_real_number(site):
    line = site.bottom_line("knee-stress-reduced-up-to-40pct")
    assert "not up to 40%" in line and re.search(r"\d+(\.\d+)?% lower", line), line


def test_reasons_and_downgrades_name_sources_by_author_and_year(site):
    keys = set(site.kb.references)
    checked = 0
    for cid, loaded in site.kb.claims.items():
        a = site.assessments[cid]
        names = Names(site)
        texts = [str(r.striptags()) for r in verdict_reasons(site, loaded.record, a, names, lambda p: "./")]
        texts += [str(why.striptags()) for _, why in downgrade_reasons(site, loaded.record, a, names)]
        for text in texts:
            assert not (set(re.findall(r"[A-Za-z0-9_.:-]+", text)) & keys), (cid, text)
        checked += any(re.search(r"[A-Z][a-z]+( et al\.| and [A-Z][a-z]+)? \d{4}", t) for t in texts)
    assert checked >= 20


def test_forest_plot_rows_intervals_pooled_diamond_and_both_layouts():
    from evkb.site.pages.chart import Row, forest_svg
    rows = [Row("Roos et al. 2012", 24.4, 24.4, sub="lab comparison · n=20", ci=(10.0, 38.0)),
            Row("<b>Evil</b> 2020", 5.0, 15.0, direct=False),
            Row("Pooled estimate", 18.0, 18.0, ci=(9.0, 27.0), pooled=True)]
    for stacked in (False, True):
        svg = forest_svg(rows, "%", (40, 40, "up_to"), title="t", band_label="The claim: up to 40%",
                         axis_label="per cent", stacked=stacked)
        assert svg.count("<circle") == 2 and svg.count("<polygon") == 1          # the pool is a diamond
        assert "&lt;b&gt;Evil&lt;/b&gt;" in svg and "<b>" not in svg
        assert "per cent" in svg and "lab comparison · n=20" in svg and 'aria-hidden="true"' in svg
        assert ("evkb-chart-stacked" in svg) == stacked
