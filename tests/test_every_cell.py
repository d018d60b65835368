"""Whatever Excel lets a cell hold, cleaning does not raise and every row is accounted for.

Decisions (README, "Limits and guarantees"): a formula counts by the value Excel saved with it; a formula
saved without a value, and a cell holding an Excel error (#N/A, #REF! …), are read as what they are and
the row is rejected (or, in an optional column, the cell set aside) with that reason. Hidden rows and
columns count like visible ones: hiding is not deleting. A merged header cell names its first column.
"""
import datetime as dt

import openpyxl
import xlsxwriter
from hypothesis import HealthCheck, given, settings, strategies as st

from uncac_needs import clean

ERRORS = ["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"]
STATES = ["Kenya", "Viet Nam", "越南", "Côte d'Ivoire", "Türkiye", "Atlantis", "مصر", "ישראל", "🇰🇪 Kenya 🙂", "  "]

anything = st.one_of(
    st.none(),
    st.sampled_from(STATES + ["capacity-building", "立法援助", "II", "V", "Art. 5", "第五十二条", "52/14"]),
    st.sampled_from(ERRORS),                                             # error values
    st.sampled_from(["=1+1", '="Ken"&"ya"', "=NA()", "=A1", "=SUM(B2:B9)"]),   # formulas, no cached value
    st.integers(-10**6, 10**12), st.floats(allow_nan=False, allow_infinity=False, width=32), st.booleans(),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    st.sampled_from(["1899-12-31", "0000-00-00", "31/12/1850"]),           # dates before 1900 are text in Excel
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30).map(
        lambda t: openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE.sub("", t)),   # what openpyxl can store of control chars
    st.sampled_from(["x" * 32000, "tab\there", "two\nlines", "_x0007_bell", "\u202eright-to-left override"]),
)
rows = st.lists(st.lists(anything, min_size=0, max_size=7), max_size=25)


def filled(value) -> bool:
    return value is not None and not (isinstance(value, str) and value.strip() == "")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rows, rows, st.sets(st.integers(1, 30), max_size=5), st.sets(st.sampled_from("ABCDEFG"), max_size=2),
       st.booleans())
def test_cleaning_survives_every_kind_of_cell(tmp_path_factory, review_rows, need_rows, hidden_rows, hidden_cols,
                                              merge_header):
    wb = openpyxl.Workbook()
    reviews = wb.active
    reviews.title = "reviews"
    reviews.append(["A title row, merged across the table"])
    reviews.merge_cells("A1:D1")
    reviews.append(["State", "Date completed", "Region", None])
    reviews.append(["Kenya", dt.date(2020, 1, 1), None])
    for row in review_rows:
        reviews.append(row)
    needs = wb.create_sheet("needs")
    needs.append(["State", None, "Chapter", "Article", "Category", "Subcategory", "Description"])
    if merge_header:
        needs.merge_cells("A1:B1")          # "State" spans two columns; the second has no header of its own
    for row in need_rows:
        needs.append(row)
    for ws in (reviews, needs):
        for r in hidden_rows:
            ws.row_dimensions[r].hidden = True
        for c in hidden_cols:
            ws.column_dimensions[c].hidden = True
    path = tmp_path_factory.mktemp("cells") / "w.xlsx"
    wb.save(path)

    result = clean.clean_workbook(path)
    # the Excel rows that hold something, as appended above: reviews from row 3 (Kenya; title and header
    # above), needs from row 2; counted here, not by the cleaning
    filled_rows = {"reviews": {3} | {4 + i for i, r in enumerate(review_rows) if any(map(filled, r))},
                   "needs": {2 + i for i, r in enumerate(need_rows) if any(map(filled, r))}}
    tables = {"reviews": result.reviews, "needs": result.needs}
    for role, s in result.summary.items():
        entries = [e for e in result.log if e.sheet == s.sheet]
        kept = list(tables[role]["sheet_row"])
        rejected = {e.row for e in entries if e.action == "rejected"}
        duplicates = {e.row for e in entries if e.action == "duplicate"}
        # every row read ends in exactly one of kept, duplicate, rejected: a partition of the filled rows
        assert len(kept) == len(set(kept))
        assert set(kept) | rejected | duplicates == filled_rows[role]
        assert not (set(kept) & rejected) and not (set(kept) & duplicates) and not (rejected & duplicates)
        assert (s.rows_read, s.rows_kept, s.rows_rejected, s.duplicates) == \
            (len(filled_rows[role]), len(kept), len(rejected), len(duplicates))
        assert all(e.reason and e.rule for e in entries)


def openpyxl_book(path, reviews: list[list], needs: list[list]):
    """A workbook written by openpyxl, which stores formulas without a computed value, as Excel never does."""
    wb = openpyxl.Workbook()
    wb.active.title = "reviews"
    for row in reviews:
        wb.active.append(row)
    sheet = wb.create_sheet("needs")
    for row in needs:
        sheet.append(row)
    wb.save(path)
    return path


def test_errors_and_uncomputed_formulas_are_rejected_with_their_reason(tmp_path):
    path = openpyxl_book(tmp_path / "w.xlsx", [
        ["State", "Date"], ["Kenya", dt.date(2020, 1, 1)],
        ["#N/A", dt.date(2020, 1, 2)],                        # row 3: an error value
        ['="Gha"&"na"', dt.date(2020, 1, 3)],                # row 4: a formula never computed
    ], [["State", "Article", "Category"], ["#REF!", "#REF!", "#REF!"]])   # nothing but errors: still a row
    result = clean.clean_workbook(path)
    log = {(e.sheet, e.row): e for e in result.log}
    assert log[("reviews", 3)].rule == "cell_error" and log[("reviews", 3)].value == "#N/A"
    assert log[("reviews", 4)].rule == "formula_not_computed" and "has not computed" in log[("reviews", 4)].reason
    assert result.summary["needs"].rows_read == 1 and result.summary["needs"].rows_rejected == 1


def test_a_formula_counts_by_its_saved_value(tmp_path):
    path = tmp_path / "w.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("reviews")
    ws.write_row(0, 0, ["State", "Date"])
    ws.write_formula(1, 0, '="Ken"&"ya"', None, "Kenya")        # as Excel saves it: the formula and its value
    ws.write_string(1, 1, "2020-01-01")
    ws.set_row(1, None, None, {"hidden": True})                # hidden, and still counted
    ws = wb.add_worksheet("needs")
    ws.write_row(0, 0, ["State", "Article", "Category"])
    ws.write_row(1, 0, ["Kenya", 5])
    ws.write_formula(1, 2, '=LOWER("OTHER")', None, "other")
    ws.set_column(2, 2, None, None, {"hidden": True})
    wb.close()
    result = clean.clean_workbook(path)
    assert list(result.reviews["state"]) == ["KEN"]
    assert list(result.needs["category"]) == ["other"]


def test_a_last_row_of_only_formulas_is_still_read(tmp_path):
    """Found by the property test: the fast reader stops at the last cell with a value."""
    path = openpyxl_book(tmp_path / "w.xlsx", [["State", "Date"], ["Kenya", dt.date(2020, 1, 1)]],
                         [["State", "Article", "Category"], ["=1+1"]])
    result = clean.clean_workbook(path)
    assert result.summary["needs"].rows_read == 1 and result.summary["needs"].rows_rejected == 1
    assert result.log[0].row == 2 and result.log[0].rule == "formula_not_computed"
