"""The PDF workers (pipeline/export.py): ended at once when every PDF is written, without losing a byte of it."""
from __future__ import annotations

import os

from pypdf import PdfReader

from uncac_needs.pipeline.export import PdfWorkers


def test_workers_ended_after_their_pdfs_leave_whole_files(tmp_path):
    pages = []
    for name in ("one", "two"):
        page = tmp_path / f"{name}.html"
        page.write_text(f"<html><body><h1>{name}</h1><p>{'text ' * 2000}</p></body></html>", encoding="utf-8")
        pages.append(page)
    workers = PdfWorkers(2)
    processes = list(workers._pool._processes.values())
    for page in pages:
        workers.submit(page, page.with_suffix(".pdf"))
    workers.wait()
    workers.close()
    for proc in processes:
        proc.join(timeout=10)
        assert not proc.is_alive()
    for page in pages:
        data = page.with_suffix(".pdf").read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")   # written to its end
        reader = PdfReader(page.with_suffix(".pdf"))
        assert len(reader.pages) >= 2                                        # 2,000 words: more than one A4 page
        assert page.stem in reader.pages[0].extract_text()


def test_workers_load_weasyprint_behind_the_kernels():
    """Spawned workers start below normal priority (a non-root user cannot raise it again afterwards, so the
    check is only that they start lowered)."""
    workers = PdfWorkers(1)
    try:
        (proc,) = workers._pool._processes.values()
        assert os.getpriority(os.PRIO_PROCESS, proc.pid) in (8, 0)   # 0 once WeasyPrint is loaded
    finally:
        workers.close(stop=True)
