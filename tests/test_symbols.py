"""Document symbols stay whole on a line (issue 10): the PDF a reader receives never ends a line with
"CAC/COSP/IRG/" and goes on with "2016/13", in either language. The symbols are those the 2020 note cites
(the seed note's text: its cross-references), read in the PDF as poppler reads it (pdftotext -bbox-layout:
every line with its words)."""
from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from uncac_needs.report import symbols

# the documents the 2020 note (CAC/COSP/IRG/2020/10) refers to, as the seed note writes them
CITED = ("CAC/COSP/2019/14", "CAC/COSP/2019/11", "CAC/COSP/IRG/2020/3/Rev.1", "CAC/COSP/IRG/2020/6",
         "CAC/COSP/IRG/2016/13")
XHTML = "{http://www.w3.org/1999/xhtml}"


def pdf_lines(pdf) -> list[str]:
    """Every line of the PDF, its words joined as they stand (a symbol is one word or several touching)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", xml))
    return [" ".join(w.text or "" for w in line.iter(f"{XHTML}word")) for line in root.iter(f"{XHTML}line")]


def test_symbols_are_found_as_written():
    text = ("See CAC/COSP/IRG/2016/13. The reports (CAC/COSP/IRG/2020/3/Rev.1) and E/CN.15/2020/1; 见"
            "CAC/COSP/2019/14。and/or, AND/OR, https://undocs.org/CAC/COSP/2019/11")
    assert symbols.find(text) == ["CAC/COSP/IRG/2016/13", "CAC/COSP/IRG/2020/3/Rev.1", "E/CN.15/2020/1",
                                  "CAC/COSP/2019/14"]


def test_a_symbol_is_wrapped_in_text_never_in_a_tag():
    html = Markup('<a href="https://undocs.org/en/CAC/COSP/2019/14">CAC/COSP/2019/14</a> and '
                  '<a href="CAC/COSP/2019/11">the note</a>; see CAC/COSP/IRG/2016/13.')
    out = str(symbols.keep_whole(html))
    assert out == ('<a href="https://undocs.org/en/CAC/COSP/2019/14"><span class="doc-symbol">CAC/COSP/2019/14'
                   '</span></a> and <a href="CAC/COSP/2019/11">the note</a>; see '
                   '<span class="doc-symbol">CAC/COSP/IRG/2016/13</span>.')


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_cited_symbol_lies_whole_on_one_line_of_the_pdf(default_report, lang):
    html = (default_report / lang / "report.html").read_text(encoding="utf-8")
    lines = pdf_lines(default_report / lang / "report.pdf")
    broken = [(a, b) for a, b in zip(lines, lines[1:])
              for s in CITED + ("CAC/COSP/IRG/2020/10",) for k in range(1, len(s))
              if a.endswith(s[:k]) and b.startswith(s[k:])]
    assert not broken, f"symbols broken across lines: {broken}"
    for s in CITED:
        assert f'<span class="doc-symbol">{s}</span>' in html, f"{s} is not cited whole in the {lang} report"
        pattern = rf"(?<![A-Za-z0-9/]){re.escape(s)}(?![A-Za-z0-9/])"
        whole = sum(len(re.findall(pattern, line)) for line in lines)
        # the lines run together: a symbol broken across two of them is found here, not on one line
        assert whole and whole == len(re.findall(pattern, "".join(lines))), s
