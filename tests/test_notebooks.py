"""The notebooks: thin, parameterised, committed without outputs, and they run by hand under papermill."""
import ast
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from uncac_needs import pipeline, session
from uncac_needs.plumbing import config

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))


LOGIC = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.For, ast.While, ast.If, ast.IfExp,
         ast.With, ast.Try, ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp, ast.BoolOp, ast.Compare)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_thin_and_clean(path):
    """A parameters cell, then calls into the package and displays: no logic a test cannot reach."""
    nb = nbformat.read(str(path), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    for cell in code:
        assert not cell.get("outputs") and cell.get("execution_count") is None, "outputs are kept out of git"
        tree = ast.parse(cell.source)
        if cell is code[0]:                     # parameters: plain assignments of constants, nothing else
            assert all(isinstance(s, ast.Assign) and isinstance(s.value, ast.Constant) for s in tree.body), cell.source
            continue
        assert len(tree.body) <= 4, cell.source
        assert all(isinstance(s, (ast.Import, ast.ImportFrom, ast.Assign, ast.Expr)) for s in tree.body), cell.source
        logic = [type(n).__name__ for n in ast.walk(tree) if isinstance(n, LOGIC)]
        assert not logic, f"{logic} in: {cell.source}"


def test_statistics_notebook_runs_by_hand(tmp_path, sample_result):
    from uncac_needs import clean

    processed = tmp_path / "processed"
    clean.write_outputs(sample_result, processed)
    out = tmp_path / "statistics.ipynb"
    papermill = Path(sys.executable).parent / "papermill"
    subprocess.run([str(papermill), "--no-progress-bar", str(config.NOTEBOOKS_DIR / "statistics.ipynb"), str(out),
                    "-p", "processed_dir", str(processed), "-p", "cutoff_date", "2021-05-31",
                    "-p", "previous_cutoff_date", "2020-09-30", "-p", "out_dir", str(tmp_path)],
                   check=True, capture_output=True, cwd=config.PROJ_ROOT)
    stats = json.loads((tmp_path / "statistics.json").read_text(encoding="utf-8"))
    assert stats["overview"]["needs"] == 455 and stats["articles"]["51"]["states"] == 19


def test_a_failing_notebook_names_itself_and_its_cell(tmp_path, monkeypatch):
    broken = nbformat.read(str(config.NOTEBOOKS_DIR / "report.ipynb"), as_version=4)
    broken.cells[4].source = "raise ValueError('a simulated failure')"
    path = tmp_path / "report.ipynb"
    nbformat.write(broken, str(path))
    monkeypatch.setitem(pipeline.NOTEBOOKS, "report", path)
    sess = session.load(session.DEFAULT_SESSION, {"languages": ["en"]})
    out = tmp_path / "reports" / "x"
    with pytest.raises(pipeline.NotebookFailed) as err:
        pipeline.run(sess, session.DEFAULT_SESSION, out, pdf=False)
    message = str(err.value)
    # cell 6 of the executed notebook: papermill inserts the injected parameters after the parameters cell
    assert "report.ipynb (en) failed at cell 6 (ValueError: a simulated failure)" in message
    kept = tmp_path / "reports" / ".x.failed" / "notebooks" / "report.en.ipynb"
    assert str(kept) in message and kept.is_file()
    partial = nbformat.read(str(kept), as_version=4)
    assert any(o.get("ename") == "ValueError" for c in partial.cells for o in c.get("outputs", []))
    assert not out.exists()                       # nothing named as the report
