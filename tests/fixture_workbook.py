"""A small workbook whose every statistic is counted by hand in test_statistics.py.

Cutoffs: A = 2019-12-31 (Kenya, Viet Nam) and B = 2020-06-30 (also Ecuador, Georgia, Austria).
Ghana's summary (2021) comes after both. Excel row numbers are given in the comments.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import write_workbook

CUTOFF_A = "2019-12-31"
CUTOFF_B = "2020-06-30"

REVIEWS = [
    ["Fixture workbook: completed executive summaries"],                     # 1 title
    [],                                                                      # 2 blank
    ["State", "Date completed", "Region"],                                   # 3 header
    ["Kenya", dt.date(2019, 5, 10), None],                                   # 4
    ["Viet Nam", "15/07/2019", "Asia-Pacific Group"],                        # 5 date as text: corrected
    ["Ecuador", dt.date(2020, 1, 20), "GRULAC"],                             # 6 region alias: corrected
    ["Georgia", dt.date(2020, 3, 3), None],                                  # 7
    ["Austria", dt.date(2020, 6, 30), None],                                 # 8 no needs; on cutoff B
    ["Vietnam", "2019-07-15", None],                                         # 9 same State, same date: duplicate
    ["Ghana", dt.date(2021, 2, 1), None],                                    # 10 after both cutoffs
]

CB, LEG, INST = "capacity-building", "legislative assistance", "institution-building"
TRAINING = "training and skills development"
NEEDS = [
    ["Needs (fixture)"],                                                                       # 1 title
    ["No.", "Country", "Chapter", "Article", "Category", "Subcategory", "Description"],         # 2 header
    [1, "Kenya", "II", 5, CB, TRAINING, "a"],                                                  # 3
    [2, "Kenya", None, "5, 6", LEG, None, "b"],                                                # 4
    [3, "Kenya", None, 9, CB, "ICT tools", "c"],                                               # 5 subcategory alias
    [4, "Kenya", "V", 52, CB, TRAINING, "d"],                                                  # 6
    [5, "Kenya", "V", None, INST, None, "e"],                                                  # 7 general, chapter V
    [6, "Kenya", None, 14, "research, data collection and analysis", None, "f"],               # 8
    [7, "Viet Nam", None, "7/8", "policymaking", None, "g"],                                   # 9 article form, category alias
    [8, "Viet Nam", "II", 13, CB, "awareness-raising", "h"],                                   # 10 subcategory alias
    [9, "Viet Nam", None, 51, LEG, None, "i"],                                                 # 11
    [10, "Viet Nam", None, "54, 55", "facilitation of international cooperation", None, "j"],  # 12
    [11, "Ecuador", None, 5, CB, None, "k"],                                                   # 13 unspecified
    [12, "Ecuador", "V", 51, CB, "good practices", "l"],                                       # 14 subcategory alias
    [13, "Ecuador", None, 52, "other", None, "m"],                                             # 15
    [14, "Georgia", None, 57, LEG, None, "n"],                                                 # 16
    [15, "Georgia", "V", 51, CB, TRAINING, "o"],                                               # 17
    [16, "Georgia", None, "10, 13", INST, None, "p"],                                          # 18
    [17, "Ghana", None, 5, CB, TRAINING, "q"],                                                 # 19 counted after 2021
    [18, "Kenya", None, 12, CB, TRAINING, "r"],                                                # 20
    [1, "Kenya", "II", 5, CB, TRAINING, "a"],                                                  # 21 duplicate of row 3
    [19, "Ecuador", None, "52/14", LEG, None, "s"],                                            # 22 rejected: spans chapters
    [20, "Atlantis", "II", 5, "other", None, "t"],                                             # 23 rejected: unknown State
    [21, "Kenya", "II", None, CB, None, "u"],                                                  # 24 general, chapter II
    [22, "Viet Nam", None, 11, "Capacity Building", "Training", "v"],                          # 25 two spellings
    # needs citing articles of both chapters (input-workbook.md, counting rules), appended so that the rows
    # above keep their numbers: kept under the chapter the row names, rejected where it names none
    [23, "Georgia", "V", "52/14", CB, TRAINING, "w"],                                          # 26 chapter V, arts. 14, 52
    [24, "Viet Nam", "II", "第五十二条和第十四条", LEG, None, "x"],                               # 27 chapter II, arts. 14, 52
    [25, "Kenya", None, "arts. 52 and 14", INST, None, "y"],                                   # 28 rejected: no chapter
]


def write_fixture(path: Path) -> Path:
    return write_workbook(path, {"Executive summaries": REVIEWS, "Needs": NEEDS})
