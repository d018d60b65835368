"""The reader of completion dates: real Excel dates, Excel serial numbers, and dates typed as text."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from typing import Any

from babel.dates import get_month_names

from uncac_needs.clean.parsers.cells import Parsed, Unreadable, is_blank, show, tidy
from uncac_needs.clean.reasons import because

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 once Excel's 1900 leap-year bug is allowed for
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?")
_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_CHINESE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4})")
_MONTH_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale="en").items():
            months[name.casefold().rstrip(".")] = number
    months["sept"] = 9
    return months


def _date(y: int, m: int, d: int, text: str) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise Unreadable(because("date_invalid", text=text)) from None


def _from_serial(serial: float, value: str) -> dt.date:
    if not 1 <= serial < 2958466:
        raise Unreadable(because("date_unreadable", "number", value=value))
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_date(raw: Any) -> Parsed:
    """A completion date: a real Excel date, an Excel serial number, or text in a common form.

    Text forms: 2020-09-15, 2020/09/15, 15/09/2020 and 15.09.2020 (day first, as the UN writes
    dates, also where both numbers are 12 or less), 09/15/2020 (month first only where the second
    number cannot be a month: noted as such), 15 September 2020, 15 Sep 2020, September 15, 2020,
    15-Sep-2020, 2020年9月15日.
    """
    if is_blank(raw):
        raise Unreadable(because("date_missing"))
    if isinstance(raw, dt.datetime):
        return Parsed(raw.date())
    if isinstance(raw, dt.date):
        return Parsed(raw)
    if isinstance(raw, bool):
        raise Unreadable(because("date_unreadable", "value", value=show(raw)))
    if isinstance(raw, (int, float)):
        day = _from_serial(raw, show(raw))
        return Parsed(day, because("date_as_number", value=show(raw), date=day))
    return _text_date(tidy(unicodedata.normalize("NFKC", str(raw))))


def _text_date(text: str) -> Parsed:
    low = text.casefold()
    day: dt.date | None = None
    if m := _ISO.fullmatch(low):
        day = _date(int(m[1]), int(m[2]), int(m[3]), text)
    elif m := _NUMERIC.fullmatch(low):
        first, second = int(m[1]), int(m[2])
        if 1 <= first <= 12 < second <= 31:      # 06/13/2020: 13 cannot be a month, so the month comes first
            day = _date(int(m[3]), first, second, text)
            return Parsed(day, because("date_month_first", text=text, date=day, day=second))
        day = _date(int(m[3]), second, first, text)   # day first, as the UN writes dates (also both 12 or less)
    elif m := _CHINESE.fullmatch(low):
        day = _date(int(m[1]), int(m[2]), int(m[3]), text)
    elif (m := _DAY_MONTH.fullmatch(low)) and (month := _month_numbers().get(m[2])):
        day = _date(int(m[3]), month, int(m[1]), text)
    elif (m := _MONTH_DAY.fullmatch(low)) and (month := _month_numbers().get(m[1])):
        day = _date(int(m[3]), month, int(m[2]), text)
    elif _SERIAL.fullmatch(low):
        day = _from_serial(float(low), text)
        return Parsed(day, because("date_as_number", value=text, date=day))
    if day is None:
        raise Unreadable(because("date_unreadable", "text", text=text))
    return Parsed(day, because("date_as_text", text=text, date=day))
