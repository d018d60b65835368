"""The workbook's document properties, read with an XML parser: the synthetic sample says it is synthetic, and a
workbook is never taken for synthetic because of another property's value."""
from __future__ import annotations

import zipfile
from pathlib import Path

from conftest import write_workbook
from uncac_needs import ingest
from uncac_needs.plumbing import config

CUSTOM = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats'
          '.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
          'docPropsVTypes">{}</Properties>')
CORE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.'
        'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">{}'
        '</cp:coreProperties>')
FMTID = 'fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"'


def with_parts(tmp_path: Path, parts: dict[str, str]) -> Path:
    base = write_workbook(tmp_path / "base.xlsx", {"reviews": [["State", "Date"]], "needs": [["State", "Article"]]})
    dst = tmp_path / "props.xlsx"
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename not in parts:
                zout.writestr(info.filename, zin.read(info.filename))
        for name, text in parts.items():
            zout.writestr(name, text.encode("utf-8"))
    return dst


def test_the_sample_says_it_is_synthetic():
    props = ingest.workbook_properties(config.SAMPLE_WORKBOOK)
    # as scripts/sample writes them
    assert props["title"] == "SYNTHETIC sample of the UNCAC technical assistance needs workbook"
    assert props["custom:Synthetic"] == "true"
    assert ingest.is_synthetic(config.SAMPLE_WORKBOOK)


def test_a_workbook_of_real_data_is_not_synthetic(tmp_path):
    path = write_workbook(tmp_path / "real.xlsx", {"reviews": [["State", "Date"]], "needs": [["State", "Article"]]})
    assert not ingest.is_synthetic(path)


def test_an_empty_property_does_not_take_the_next_one_s_value(tmp_path):
    # a pattern read "Synthetic" with the value of the property after it, an empty one having none of its own
    path = with_parts(tmp_path, {"docProps/custom.xml": CUSTOM.format(
        f'<property {FMTID} pid="2" name="Synthetic"><vt:lpwstr/></property>'
        f'<property {FMTID} pid="3" name="Checked"><vt:bool>true</vt:bool></property>')})
    assert ingest.workbook_properties(path) == {"custom:Checked": "true"}
    assert not ingest.is_synthetic(path)


def test_texts_are_read_as_written(tmp_path):
    path = with_parts(tmp_path, {"docProps/core.xml": CORE.format(
        '<dc:title xml:lang="en">Needs &amp; offers, 2021</dc:title><cp:keywords>a &lt;b&gt;</cp:keywords>')})
    assert ingest.workbook_properties(path) == {"title": "Needs & offers, 2021", "keywords": "a <b>"}


def test_damaged_properties_are_no_properties(tmp_path):
    path = with_parts(tmp_path, {"docProps/core.xml": "<cp:coreProperties><dc:title>cut sho",
                                 "docProps/custom.xml": CUSTOM.format(f'<property {FMTID} name="Synthetic">')})
    assert ingest.workbook_properties(path) == {}
    assert not ingest.is_synthetic(path)
