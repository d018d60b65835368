"""The needs workbook contract (data/reference/workbook.yaml) is validated when it is read.

A person who edits it (a new column name, a raised bound) and makes a mistake gets one sentence naming the file
and the key, not a KeyError from deep inside the reader, nor a contract silently read otherwise than written.
"""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from uncac_needs import ingest
from uncac_needs.plumbing import config
from uncac_needs.plumbing.errors import UserError


@pytest.fixture
def contract_file(tmp_path, monkeypatch):
    """A copy of data/reference whose workbook.yaml a test may spoil; the contract is read again from it."""
    folder = tmp_path / "reference"
    shutil.copytree(config.REFERENCE_DIR, folder)
    monkeypatch.setattr(config, "REFERENCE_DIR", folder)
    return folder / "workbook.yaml"


def spoil(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def refusal(path) -> str:
    """The one sentence a spoiled contract is refused with (checked to be one sentence naming the file)."""
    with pytest.raises(UserError) as err:
        ingest.contract()
    message = str(err.value)
    assert str(path) in message and message.endswith(".") and ". " not in message, message
    assert "\n" not in message
    return message


# --------------------------------------------------------------------------- the shipped contract

def test_the_shipped_contract_reads_as_written():
    c = ingest.contract()
    assert isinstance(c, ingest.WorkbookContract)
    # values as data/reference/workbook.yaml writes them
    assert (c.header_search_rows, c.header_min_known, c.max_need_rows) == (30, 2, 1_000_000)
    assert c.earliest_summary_date == dt.date(2015, 1, 1)
    assert (c.max_parts, c.max_shared_strings, c.max_sheet_cells) == (10_000, 5_000_000, 16_000_000)
    assert list(c.sheets) == ["reviews", "needs"]
    assert [col for col, spec in c.sheets["needs"].columns.items() if spec.required] == ["state", "category"]
    assert c.sheets["needs"].one_of == ["chapter", "article"]
    assert c.sheets["reviews"].columns["regional_group"].required is False


def test_every_name_in_the_contract_is_text():
    # YAML 1.1 reads a bare `no` as false: the alias "no" of need_id was once the boolean False, so that a column
    # headed "FALSE" was taken for the need's number; the model refuses anything but text
    c = ingest.contract()
    needs = c.sheets["needs"].columns
    assert "no" in needs["need_id"].aliases and False not in needs["need_id"].aliases
    for sheet in c.sheets.values():
        assert all(isinstance(a, str) for a in sheet.aliases)
        assert all(isinstance(a, str) for col in sheet.columns.values() for a in col.aliases)


def test_the_bounds_are_the_contract_s():
    c = ingest.contract()
    b = c.bounds()
    assert b.max_member_bytes == 700_000_000 and b.max_cell_text_bytes == 400_000_000
    assert set(type(b).model_fields) < set(type(c).model_fields)


def test_a_contract_changed_is_read_again(contract_file):
    assert ingest.contract().max_parts == 10_000
    spoil(contract_file, "max_parts: 10000 ", "max_parts: 20 ")
    assert ingest.contract().max_parts == 20


# --------------------------------------------------------------------------- a spoiled contract

SPOILED = {   # what is written in the file -> what is written instead, and what the sentence must say
    "a missing key": ("header_min_known: 2 ", "", ["has no key 'header_min_known'"]),
    "a value of the wrong kind": ("max_need_rows: 1000000 ", "max_need_rows: a million ",
                                  ["'max_need_rows'", "integer"]),
    "a flag neither true nor false": ("        required: false   # required row by row",
                                      "        required: sometimes   #",
                                      ["'sheets.needs.columns.chapter.required'", "boolean"]),
    # YAML 1.1 reads a bare `no` as the boolean false
    "a bare YAML boolean among the names": ('no., "no", number', "no., no, number",
                                            ["'sheets.needs.columns.need_id.aliases.3'", "valid string"]),
    # named as unknown, not as the missing max_parts
    "a misspelt key": ("max_parts: 10000 ", "max_part: 10000 ",
                       ["has a key 'max_part' that the contract does not know"]),
    "an unknown sheet": ("  needs:\n", "  need:\n", ["'sheets.need'", "'reviews' or 'needs'"]),
    "one_of naming no column": ("one_of: [chapter, article]", "one_of: [chapter, articles]",
                                ["'sheets.needs'", "articles"]),
}


@pytest.mark.parametrize("mistake", SPOILED)
def test_a_mistake_is_named_in_one_sentence(contract_file, mistake):
    old, new, words = SPOILED[mistake]
    spoil(contract_file, old, new)
    message = refusal(contract_file)
    for word in words:
        assert word in message, (word, message)


def test_a_contract_that_is_not_a_mapping_is_refused(contract_file):
    contract_file.write_text("- a list\n- not a contract\n", encoding="utf-8")
    message = refusal(contract_file)
    assert "is not a mapping of keys to values" in message


def test_a_duplicate_key_is_refused(contract_file):
    spoil(contract_file, "max_parts: 10000 ", "max_parts: 10000\nmax_parts: 20000 ")
    with pytest.raises(UserError, match=r"workbook.yaml gives the key 'max_parts' twice"):
        ingest.contract()


def test_a_spoiled_contract_stops_a_run_in_one_sentence(contract_file, capsys):
    from uncac_needs import cli

    spoil(contract_file, "header_search_rows: 30 ", "header_search_rows: -3 ")
    code = cli.main(["stats", "--raw", str(config.SAMPLE_WORKBOOK), "--cutoff", "2020-09-30"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and err.count("\n") == 1, err
    assert "workbook.yaml" in err and "'header_search_rows'" in err and "greater than 0" in err
