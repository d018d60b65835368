"""Each reader, with cases written by hand from the contract (../shared/spec/input-workbook.md)."""
import datetime as dt

import pytest

from uncac_needs.clean.parsers import (
    Unreadable, chapter_of_articles, parse_articles, parse_category, parse_chapter, parse_date,
    parse_region, parse_state, parse_subcategory, zh_to_int,
)
from uncac_needs.vocabulary.i18n import int_to_zh


@pytest.mark.parametrize("text, number", [
    ("一", 1), ("五", 5), ("十", 10), ("十四", 14), ("二十", 20), ("五十一", 51), ("五十二", 52),
    ("五十九", 59), ("一百", 100), ("一百零三", 103), ("两", 2),
])
def test_chinese_numerals(text, number):
    assert zh_to_int(text) == number


@pytest.mark.parametrize("number, text", [(5, "五"), (10, "十"), (14, "十四"), (52, "五十二"), (59, "五十九"),
                                          (100, "一百"), (103, "一百零三"), (110, "一百一十")])
def test_chinese_numerals_written(number, text):
    assert int_to_zh(number) == text


@pytest.mark.parametrize("raw, articles", [
    ("5", (5,)), (5, (5,)), (5.0, (5,)), ("Art. 5", (5,)), ("article 5 (1)", (5,)), ("art. 52(1)(b)", (52,)),
    ("arts. 5 and 6", (5, 6)), ("5, 6", (5, 6)), ("5,6", (5, 6)), ("52/14", (14, 52)), ("第五条", (5,)),
    ("第5条", (5,)), ("第五十二条", (52,)), ("第五十二条和第十四条", (14, 52)), ("Articles 5 & 6", (5, 6)),
    ("art 5 para 2", (5,)), ("第五十二条第1款", (52,)), ("5-7", (5, 6, 7)), ("ART. 54 AND 55", (54, 55)),
    ("article 9（1）", (9,)), ("第１４条", (14,)), ("5; 6", (5, 6)), ("6, 5", (5, 6)), ("Art.5", (5,)), ("arts. 5 and 6.", (5, 6)),
    (None, ()), ("", ()), ("   ", ()), ("n/a", ()), ("无", ()),
])
def test_articles(raw, articles):
    assert parse_articles(raw).value == articles


def test_articles_plain_forms_need_no_note():
    assert parse_articles("5").note is None
    assert parse_articles(14).note is None
    assert parse_articles("5, 6").note is None
    assert parse_articles("arts. 5 and 6").note == "read 'arts. 5 and 6' as articles 5 and 6"
    assert parse_articles(" 5 ").note == "removed extra spaces"


@pytest.mark.parametrize("raw", ["Art. X", "see annex", True, "12-40", "第5、X条", "5..6", 0.5])
def test_articles_unreadable(raw):
    with pytest.raises(Unreadable):
        parse_articles(raw)


# Issue 8, item 11: paragraph references are paragraphs, never articles (input-workbook.md, counting rules)
@pytest.mark.parametrize("raw, articles", [
    ("art. 9, paragraphs 1 and 2", (9,)), ("art. 9, para. 1", (9,)), ("article 9 (1) and (2)", (9,)),
    ("52(1)(b)", (52,)), ("第九条第一款", (9,)), ("第九条第一款和第二款", (9,)), ("5.1", (5,)), ("52.1", (52,)),
    ("第5、6条", (5, 6)), ("第五、六条", (5, 6)), ("第五条、第六条", (5, 6)), ("arts. 5 and 6", (5, 6)),
    ("5, 6", (5, 6)), ("52/14", (14, 52)), ("art. 9, paras. 1, 2 and 4", (9,)), ("art. 9, paragraphs 1-3", (9,)),
    ("art. 9, para. 1, and art. 10", (9, 10)), ("paragraph 1 of article 9", (9,)), ("Art. 9, subpara. (b)", (9,)),
    ("5.1, 6.2", (5, 6)), ("52.1(b)", (52,)), ("art. 52.1", (52,)), ("5.5", (5,)), (5.1, (5,)), (52.1, (52,)),
    ("5.1-5.3", (5,)), ("9 (1), (2)", (9,)), ("第五十二条第一款第（二）项", (52,)), ("第五至七条", (5, 6, 7)),
    ("art. 5 para 1, art. 6 para 2", (5, 6)), ("52.1 and 14.2", (14, 52)),
])
def test_paragraphs_are_not_articles(raw, articles):
    assert parse_articles(raw).value == articles


def test_paragraph_readings_say_so():
    assert parse_articles("art. 9, paragraphs 1 and 2").note == \
        "read 'art. 9, paragraphs 1 and 2' as article 9 (the paragraph numbers are not articles)"
    assert parse_articles("5.1").note == "read '5.1' as article 5 (the paragraph numbers are not articles)"
    assert parse_articles(52.1).note == "read '52.1' as article 52 (the paragraph numbers are not articles)"
    assert parse_articles("第5、6条").note == "read '第5、6条' as articles 5 and 6"


@pytest.mark.parametrize("raw", ["Art. X", "see annex", "12-40", "第5、X条", "5..6", "art. X and 5", 0.5])
def test_unreadable_articles_are_explained_plainly(raw):
    with pytest.raises(Unreadable) as err:
        parse_articles(raw)
    message = str(err.value)
    assert err.value.rule == "article_unreadable"
    assert message.startswith(f"'{raw}' cannot be read as article numbers")
    assert 'accepted forms: "5", "5, 6", "arts. 5 and 6", "art. 52(1)(b)", "52/14", "第五条"' in message
    assert "write 5, or" not in message


def test_article_range_message_names_the_range():
    with pytest.raises(Unreadable) as err:
        parse_articles("12-40")
    assert "12-40 is not a range of articles" in str(err.value)


@pytest.mark.parametrize("raw, code", [
    ("II", "II"), ("2", "II"), (2, "II"), ("Chapter II", "II"), ("Ch. II", "II"), ("ch ii", "II"),
    ("第二章", "II"), ("二", "II"), ("chapter 2", "II"), ("Preventive measures", "II"), ("预防措施", "II"),
    ("Chapter II (Preventive measures)", "II"),
    ("V", "V"), ("5", "V"), (5.0, "V"), ("Chapter V", "V"), ("Ch. V", "V"), ("第五章", "V"), ("五", "V"),
    ("Asset recovery", "V"), ("资产的追回", "V"),
    (None, None), ("  ", None),
])
def test_chapters(raw, code):
    assert parse_chapter(raw).value == code


@pytest.mark.parametrize("raw, rule", [("III", "chapter_out_of_scope"), ("第三章", "chapter_out_of_scope"),
                                       (4, "chapter_out_of_scope"), ("prevention and more", "chapter_unreadable")])
def test_chapters_unreadable(raw, rule):
    with pytest.raises(Unreadable) as err:
        parse_chapter(raw)
    assert err.value.rule == rule


@pytest.mark.parametrize("raw, day", [
    (dt.date(2020, 9, 15), dt.date(2020, 9, 15)),
    (dt.datetime(2020, 9, 15, 0, 0), dt.date(2020, 9, 15)),
    (44089, dt.date(2020, 9, 15)), (44089.0, dt.date(2020, 9, 15)), ("44089", dt.date(2020, 9, 15)),
    ("2020-09-15", dt.date(2020, 9, 15)), ("2020/9/15", dt.date(2020, 9, 15)),
    ("15/09/2020", dt.date(2020, 9, 15)), ("15.09.2020", dt.date(2020, 9, 15)), ("1/10/2020", dt.date(2020, 10, 1)),
    ("15 September 2020", dt.date(2020, 9, 15)), ("15 Sep 2020", dt.date(2020, 9, 15)),
    ("15-Sep-2020", dt.date(2020, 9, 15)), ("September 15, 2020", dt.date(2020, 9, 15)),
    ("Sept. 15, 2020", dt.date(2020, 9, 15)), ("2020年9月15日", dt.date(2020, 9, 15)),
    ("２０２０年９月１５日", dt.date(2020, 9, 15)), (" 2020-09-15 ", dt.date(2020, 9, 15)),
    ("2020-09-15 00:00:00", dt.date(2020, 9, 15)),
])
def test_dates(raw, day):
    assert parse_date(raw).value == day


@pytest.mark.parametrize("raw, rule", [
    (None, "date_missing"), ("", "date_missing"), ("pending", "date_unreadable"), ("31/02/2020", "date_invalid"),
    ("2020-13-01", "date_invalid"), (True, "date_unreadable"), (-5, "date_unreadable"), ("15 Septembre 2020", "date_unreadable"),
])
def test_dates_unreadable(raw, rule):
    with pytest.raises(Unreadable) as err:
        parse_date(raw)
    assert err.value.rule == rule


def test_month_first_dates_are_read_when_unambiguous():
    """Issue 8, item 11: 13 cannot be a month, so 06/13/2020 is 13 June 2020, read and logged."""
    parsed = parse_date("06/13/2020")
    assert parsed.value == dt.date(2020, 6, 13)
    assert parsed.rule == "date_month_first"
    assert parsed.note == ("read '06/13/2020' as the date 2020-06-13, month first: 13 cannot be a month; "
                           "write the date as YYYY-MM-DD")
    assert parse_date("12.31.2020").value == dt.date(2020, 12, 31)
    # both numbers 12 or less: day first, as before
    assert parse_date("06/12/2020").value == dt.date(2020, 12, 6) and parse_date("06/12/2020").rule == "date_as_text"
    assert parse_date("13/06/2020").value == dt.date(2020, 6, 13) and parse_date("13/06/2020").rule == "date_as_text"
    for impossible in ("13/13/2020", "02/30/2020", "00/13/2020"):
        with pytest.raises(Unreadable) as err:
            parse_date(impossible)
        assert err.value.rule == "date_invalid"


@pytest.mark.parametrize("raw", ["pending", "15 Septembre 2020", "31/02/2020", "2020-13-01", True, -5])
def test_date_messages_ask_for_the_form_not_a_date(raw):
    with pytest.raises(Unreadable) as err:
        parse_date(raw)
    message = str(err.value)
    assert "2020-09-15" not in message and "write it as" not in message
    if err.value.rule == "date_unreadable" and isinstance(raw, str):
        assert message == f"'{raw}' cannot be read as a date; write the date as YYYY-MM-DD"


def test_real_dates_need_no_note_text_dates_are_noted():
    assert parse_date(dt.date(2020, 9, 15)).note is None
    assert parse_date("15/09/2020").rule == "date_as_text"
    assert parse_date(44089).rule == "date_as_number"


@pytest.mark.parametrize("raw, iso3", [
    ("Côte d'Ivoire", "CIV"), ("Cote d'Ivoire", "CIV"), ("Côte d’Ivoire", "CIV"), ("Ivory Coast", "CIV"),
    ("科特迪瓦", "CIV"), ("Viet Nam", "VNM"), ("Vietnam", "VNM"), ("越南", "VNM"), ("Türkiye", "TUR"),
    ("Turkey", "TUR"), ("Turkiye", "TUR"), ("土耳其", "TUR"), ("Republic of Moldova", "MDA"), ("Moldova", "MDA"),
    ("United Republic of Tanzania", "TZA"), ("Tanzania", "TZA"), ("United Kingdom", "GBR"), ("UK", "GBR"),
    ("英国", "GBR"), ("联合王国", "GBR"), ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
    ("  kenya ", "KEN"), ("KENYA", "KEN"), ("St. Lucia", "LCA"), ("Saint Lucia", "LCA"), ("The Gambia", "GMB"),
    ("Gambia, The", "GMB"), ("Democratic Republic of the Congo", "COD"), ("DR Congo", "COD"), ("Congo", "COG"),
    ("Republic of Korea", "KOR"), ("South Korea", "KOR"), ("韩国", "KOR"), ("European Union", "EUU"),
    ("State of Palestine", "PSE"), ("Bolivia", "BOL"), ("Czech Republic", "CZE"), ("Swaziland", "SWZ"),
])
def test_states(raw, iso3):
    assert parse_state(raw).value == iso3


def test_state_notes():
    assert parse_state("Kenya").note is None
    assert parse_state("肯尼亚").note is None
    assert parse_state("Vietnam").note == "read 'Vietnam' as Viet Nam"
    assert parse_state(" Kenya").rule == "spaces"


@pytest.mark.parametrize("raw, rule", [(None, "state_missing"), ("Atlantis", "state_unknown"),
                                       ("Narnia", "state_unknown"), ("Holy See", "state_not_party"),
                                       ("Democratic People's Republic of Korea", "state_not_party")])
def test_states_rejected(raw, rule):
    with pytest.raises(Unreadable) as err:
        parse_state(raw)
    assert err.value.rule == rule


@pytest.mark.parametrize("raw, code", [
    ("capacity-building", "capacity_building"), ("Capacity building", "capacity_building"),
    ("CAPACITY BUILDING", "capacity_building"), ("能力建设", "capacity_building"),
    ("legislative assistance", "legislative_assistance"), ("立法援助", "legislative_assistance"),
    ("Institution building", "institution_building"), ("机构建设", "institution_building"),
    ("policymaking (policy advice)", "policymaking"), ("Policy advice", "policymaking"), ("Policy-making", "policymaking"),
    ("决策援助", "policymaking"), ("research, data collection and analysis", "research_data"),
    ("Research/data collection and analysis", "research_data"), ("研究/数据收集和分析", "research_data"),
    ("研究、数据收集和分析", "research_data"), ("facilitation of international cooperation", "international_cooperation"),
    ("International co-operation", "international_cooperation"), ("促进国际合作", "international_cooperation"),
    ("other", "other"), ("Others", "other"), ("其他", "other"),
])
def test_categories(raw, code):
    assert parse_category(raw).value == code


@pytest.mark.parametrize("raw, rule", [(None, "category_missing"), ("Financial support", "category_unknown")])
def test_categories_rejected(raw, rule):
    with pytest.raises(Unreadable) as err:
        parse_category(raw)
    assert err.value.rule == rule


@pytest.mark.parametrize("raw, code", [
    ("training and skills development", "training"), ("Training", "training"), ("培训", "training"),
    ("technical support for information and communications technology tools", "ict_tools"), ("ICT tools", "ict_tools"),
    ("awareness-raising materials and activities", "awareness_raising"), ("Awareness raising", "awareness_raising"),
    ("exchange of good practices and experience", "good_practices"), ("Best practices", "good_practices"),
    ("other", "other"), (None, None), ("", None),
])
def test_subcategories(raw, code):
    assert parse_subcategory(raw).value == code


@pytest.mark.parametrize("raw, code", [
    ("African Group", "african"), ("非洲国家组", "african"), ("GRULAC", "latin_american_caribbean"),
    ("Asia-Pacific Group", "asia_pacific"), ("亚太", "asia_pacific"), ("EEG", "eastern_european"),
    ("WEOG", "western_european_other"), ("Western European and other States Group", "western_european_other"),
    (None, None),
])
def test_regions(raw, code):
    assert parse_region(raw).value == code


@pytest.mark.parametrize("articles, chapter, expected", [
    ((5,), None, "II"), ((5, 6), None, "II"), ((51,), "V", "V"), ((), "II", "II"), ((), "V", "V"),
    ((54, 55), None, "V"),
])
def test_chapter_of_articles(articles, chapter, expected):
    assert chapter_of_articles(articles, chapter) == expected


@pytest.mark.parametrize("articles, chapter, rule", [
    ((36,), None, "article_out_of_scope"), ((5, 36), "II", "article_out_of_scope"),
    ((14, 52), None, "articles_span_chapters"), ((52,), "II", "article_contradicts_chapter"),
    ((5,), "V", "article_contradicts_chapter"), ((), None, "chapter_and_article_missing"),
])
def test_chapter_of_articles_rejected(articles, chapter, rule):
    with pytest.raises(Unreadable) as err:
        chapter_of_articles(articles, chapter)
    assert err.value.rule == rule


# --------------------------------------------------------------------------- issue 9: findings checked

@pytest.mark.parametrize("raw, articles, note", [
    # '(and 6)' adds an article: it is no paragraph reference (input-workbook.md: paragraphs are (1), (b) …)
    ("art. 5 (and 6)", (5, 6), "read 'art. 5 (and 6)' as articles 5 and 6"),
    ("article 5 (or art. 6)", (5, 6), "read 'article 5 (or art. 6)' as articles 5 and 6"),
    ("第五条(及第六条)", (5, 6), "read '第五条(及第六条)' as articles 5 and 6"),
    # paragraphs stay paragraphs, however they are written in the parenthesis
    ("article 9 (1, 2)", (9,), "read 'article 9 (1, 2)' as article 9 (the paragraph numbers are not articles)"),
    ("article 9 (para. 1)", (9,), "read 'article 9 (para. 1)' as article 9 (the paragraph numbers are not articles)"),
    ("art. 52(1)(b)", (52,), "read 'art. 52(1)(b)' as article 52 (the paragraph numbers are not articles)"),
    # a title in parentheses names no article
    ("art. 5 (preventive anti-corruption policies)", (5,),
     "read 'art. 5 (preventive anti-corruption policies)' as article 5"),
])
def test_what_a_parenthesis_adds(raw, articles, note):
    parsed = parse_articles(raw)
    assert (parsed.value, parsed.note) == (articles, note)


@pytest.mark.parametrize("raw", ["art. 5 (see 12)", "art. 5 (2019 review)"])
def test_a_parenthesis_that_is_neither_is_not_guessed(raw):
    with pytest.raises(Unreadable) as err:
        parse_articles(raw)
    assert err.value.rule == "article_unreadable"


@pytest.mark.parametrize("parse, raw", [
    (parse_category, "Policymaking"), (parse_category, "Capacity Building"), (parse_category, "policy-making"),
    (parse_subcategory, "Training"), (parse_region, "african group"),
])
def test_spellings_other_than_the_names_are_noted(parse, raw):
    assert parse(raw).rule.endswith("_spelling")


@pytest.mark.parametrize("parse, raw", [
    (parse_category, "capacity-building"), (parse_category, "policymaking (policy advice)"),
    (parse_category, "决策援助"),
    (parse_category, "other"), (parse_subcategory, "training and skills development"), (parse_region, "African Group"),
])
def test_the_names_themselves_are_not_noted(parse, raw):
    assert parse(raw).note is None


@pytest.mark.parametrize("parse, raw", [
    (parse_category, "policymaking"), (parse_category, "capacity_building"), (parse_subcategory, "training"),
    (parse_region, "african"),
])
def test_a_code_typed_in_a_cell_is_noted_like_any_spelling(parse, raw):
    assert parse(raw).rule.endswith("_spelling")


def test_a_need_citing_both_chapters_is_kept_under_its_chapter_cell():
    """input-workbook.md, counting rules: a need citing articles of both chapters (the keepers' '52/14') belongs
    to the chapter its chapter cell names; only without a chapter cell is it rejected (test above)."""
    assert chapter_of_articles((14, 52), "V") == "V"
    assert chapter_of_articles((14, 52), "II") == "II"
    assert chapter_of_articles((5, 52), "V") == "V"


@pytest.mark.parametrize("raw", ["52/14", "第五十二条和第十四条", "arts. 52 and 14", "14, 52"])
def test_the_keepers_forms_of_articles_14_and_52(raw):
    assert parse_articles(raw).value == (14, 52)


@pytest.mark.parametrize("articles, chapter", [((5, 14), "V"), ((51, 52), "II"), ((14,), "V"), ((52,), "II")])
def test_articles_all_of_the_other_chapter_stay_rejected(articles, chapter):
    with pytest.raises(Unreadable) as err:
        chapter_of_articles(articles, chapter)
    assert err.value.rule == "article_contradicts_chapter"
    assert "as the row says" in err.value.reason.text("en")
