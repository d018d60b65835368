"""Chinese numerals read, as article and chapter numbers are written in Chinese (第五十二条, 第二章).

Writing them is the vocabulary's (vocabulary.i18n.int_to_zh)."""
from __future__ import annotations

ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
ZH_NUMERAL = "零〇一二两三四五六七八九十百千"     # the characters a Chinese numeral is written with


def zh_to_int(text: str) -> int:
    """Chinese numerals to an integer: '五' 5, '十四' 14, '五十二' 52, '一百零三' 103."""
    if not text or any(c not in ZH_DIGITS and c not in ZH_UNITS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for c in text:
        if c in ZH_DIGITS:
            digit = ZH_DIGITS[c]
        else:
            total += (1 if digit is None else digit) * ZH_UNITS[c]
            digit = None
    return total + (digit or 0)
