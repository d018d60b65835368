"""The reference tables against facts known from outside the project."""
from collections import Counter

import pytest
from babel import Locale

from uncac_needs.vocabulary import reference
from uncac_needs.vocabulary.reference import StateTable, State, name_key


def test_un_regional_group_sizes():
    # UN Member States per regional group (UN DGACM). The United States sits with the Western European
    # and other States Group for elections; Kiribati belongs to the Asia-Pacific Group; Türkiye is
    # counted with the Western European and other States Group.
    members = Counter(s.regional_group for s in reference.states() if s.un_member)
    assert members == {"african": 54, "asia_pacific": 54, "eastern_european": 23,
                       "latin_american_caribbean": 33, "western_european_other": 29}
    assert sum(members.values()) == 193


def test_states_parties():
    states = reference.states()
    parties = [s for s in states if s.uncac_party]
    # 191 parties (UNODC signature and ratification status, since 2023): 187 UN Member States,
    # the European Union, the Cook Islands, Niue and the State of Palestine.
    assert len(parties) == 191
    assert {s.iso3 for s in parties if not s.un_member} == {"EUU", "COK", "NIU", "PSE"}
    assert states["EUU"].regional_group == "none"
    assert not states["PRK"].uncac_party and not states["ERI"].uncac_party


@pytest.mark.parametrize("iso3, name_zh", [
    ("KEN", "肯尼亚"), ("GBR", "大不列颠及北爱尔兰联合王国"), ("CIV", "科特迪瓦"), ("VNM", "越南"), ("TUR", "土耳其"),
    ("MDA", "摩尔多瓦共和国"), ("TZA", "坦桑尼亚联合共和国"), ("CHN", "中国"), ("USA", "美利坚合众国"),
    ("RUS", "俄罗斯联邦"), ("BOL", "多民族玻利维亚国"), ("KOR", "大韩民国"), ("PRK", "朝鲜民主主义人民共和国"),
    ("COD", "刚果民主共和国"), ("COG", "刚果"), ("MKD", "北马其顿"), ("TLS", "东帝汶"), ("EUU", "欧洲联盟"),
    ("LAO", "老挝人民民主共和国"), ("IRN", "伊朗伊斯兰共和国"), ("SYR", "阿拉伯叙利亚共和国"), ("ZAF", "南非"),
])
def test_chinese_names(iso3, name_zh):
    assert reference.states()[iso3].name_zh == name_zh


def test_every_state_complete():
    for s in reference.states():
        assert len(s.iso3) == 3 and s.iso3.isupper()
        assert len(s.iso2) == 2 and s.iso2.isupper()
        assert s.name_en and s.name_zh
        assert s.regional_group in reference.regions().codes


def test_no_alias_points_at_two_states():
    # the loader refuses a table in which one spelling names two States ...
    a = State(iso3="AAA", iso2="AA", name_en="Alpha", name_zh="甲", regional_group="african", un_member=True,
              uncac_party=True, aliases=("Common name",))
    b = State(iso3="BBB", iso2="BB", name_en="Beta", name_zh="乙", regional_group="african", un_member=True,
              uncac_party=True, aliases=("common-name",))
    with pytest.raises(ValueError, match="points at both"):
        StateTable([a, b])
    # ... and the shipped table loads, every spelling resolving to its own State
    states = reference.states()
    for s in states:
        for spelling in (s.name_en, s.name_zh, *s.aliases):
            assert states.lookup(spelling) is s, spelling


def test_babel_territory_names_resolve():
    """CLDR's English and Chinese names (via Babel) find the State with the same ISO code."""
    en, zh = Locale("en").territories, Locale("zh").territories
    misses = []
    for s in reference.states():
        for names in (en, zh):
            name = names.get(s.iso2)
            if name and s.iso2 != "PS" and reference.states().lookup(name) is not s:
                misses.append((s.iso2, name))
    assert misses == []


def test_articles_and_chapters():
    arts = reference.articles()
    assert [a for a, v in arts.items() if v.chapter == "II"] == list(range(5, 15))
    assert [a for a, v in arts.items() if v.chapter == "V"] == list(range(51, 60))
    assert arts[52].title_en == "Prevention and detection of transfers of proceeds of crime"
    assert arts[9].title_zh == "公共采购和公共财政管理"
    chapters = reference.chapters()
    assert (chapters["II"].name_zh, chapters["V"].name_zh) == ("第二章", "第五章")
    assert list(chapters["V"].articles) == list(range(51, 60))


def test_categories_follow_the_contract():
    cats = reference.categories()
    assert cats.codes == ["capacity_building", "legislative_assistance", "institution_building", "policymaking",
                          "research_data", "international_cooperation", "other"]
    assert [cats[c].name_zh for c in cats.codes] == ["能力建设", "立法援助", "机构建设", "决策援助",
                                                     "研究/数据收集和分析", "促进国际合作", "其他"]
    assert reference.subcategories().codes == ["training", "ict_tools", "awareness_raising", "good_practices", "other"]
    assert reference.regions()["eastern_european"].name_zh == "东欧国家组"


def test_article_groups_of_section_three():
    groups = {code: g.articles for code, g in reference.article_groups().items()}
    assert groups == {"5_6": (5, 6), "7_8": (7, 8), "9": (9,), "10_13": (10, 13), "11": (11,), "12": (12,),
                      "14": (14,), "art14_52": (14, 52)}


def test_published_figures_table():
    figures = reference.published_figures()
    assert len({f.id for f in figures}) == len(figures)
    by_cutoff = Counter(f.cutoff for f in figures)
    assert set(by_cutoff) == {"2019-08-31", "2020-09-30", "2021-05-31"}
    assert by_cutoff["2020-09-30"] >= 30                      # the 2020 note states about thirty
    for f in figures:
        assert f.source in ("000_7350e9b028e5c2ba.txt", "003_297ccbc66a5670c5.txt")
        assert f.comparison in ("exact", "percent", "about", "range", "descriptive")
        if f.comparison in ("about", "range"):
            assert f.low is not None and f.high is not None and f.low <= f.high
        if f.comparison in ("exact", "percent"):
            assert f.published is not None
        assert (f.key is None) == (f.comparison == "descriptive")
    headline = {(f.cutoff, f.key): f.published for f in figures if f.key and f.key.startswith("overview.")}
    assert headline[("2019-08-31", "overview.needs")] == 282
    assert headline[("2020-09-30", "overview.needs")] == 404
    assert headline[("2021-05-31", "overview.needs")] == 455


def test_published_figures_quote_the_seeds(seeds_dir):
    """Each exact count is written in its source paragraph (Arabic numerals), as the table says."""
    import re

    texts = {p.name: p.read_text(encoding="utf-8") for p in seeds_dir.glob("*.txt")}
    for f in reference.published_figures():
        if f.comparison != "exact" or f.key.endswith(".rank") or f.key.endswith("exceeds_every_article"):
            continue
        numbers = set(re.findall(r"\d+", re.sub(r"\s+", "", texts[f.source])))
        assert str(f.published) in numbers, f.id


def test_name_key_ignores_what_people_vary():
    assert name_key("Côte d'Ivoire") == name_key("COTE D’IVOIRE") == name_key("cote divoire")
    assert name_key("St. Kitts & Nevis") == name_key("Saint Kitts and Nevis")
    assert name_key("Gambia, The") == name_key("The Gambia")


# --------------------------------------------------------------------------- issue 8, item 11: malformed files


from uncac_needs.plumbing.errors import UserError  # noqa: E402


def spoil(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path, start):
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


def test_the_shipped_reference_files_load(reference_copy):
    assert len(reference.states()) == 198 and reference.states()["GMB"].aliases[0] == "Gambia, The"
    assert len(reference.regions().codes) == 6 and len(reference.categories().codes) == 7
    assert len(reference.subcategories().codes) == 5 and len(reference.chapters()) == 2
    assert len(reference.articles()) == 19 and len(reference.article_groups()) == 8
    assert reference.published_figures()


def test_an_unquoted_comma_in_aliases_fails_loudly(reference_copy):
    states = reference_copy / "states.csv"
    spoil(states, '"Gambia, The; Republic of the Gambia"', "Gambia, The; Republic of the Gambia")
    with pytest.raises(reference.ReferenceFileError) as err:
        reference.states()
    message = str(err.value)
    assert "states.csv" in message and f"line {line_of(states, 'GMB,')}" in message
    assert "9 fields where the header has 8" in message
    assert "aliases" in message and "double quotes" in message
    assert isinstance(err.value, UserError)          # the command line prints it as one sentence, exit status 2


def test_a_missing_field_fails_loudly(reference_copy):
    states = reference_copy / "states.csv"
    spoil(states, "KEN,KE,Kenya,肯尼亚,african,yes,yes,", "KEN,KE,Kenya,,african,yes,yes,")
    with pytest.raises(reference.ReferenceFileError, match=rf"states.csv, line {line_of(states, 'KEN,')}: .*name_zh"):
        reference.states()


def test_a_short_row_fails_loudly(reference_copy):
    states = reference_copy / "states.csv"
    spoil(states, "KEN,KE,Kenya,肯尼亚,african,yes,yes,", "KEN,KE,Kenya,肯尼亚,african")
    with pytest.raises(reference.ReferenceFileError, match="5 fields where the header has 8"):
        reference.states()


def test_a_duplicate_code_fails_loudly(reference_copy):
    states = reference_copy / "states.csv"
    spoil(states, "GHA,GH,Ghana,加纳,african,yes,yes,", "KEN,GH,Ghana,加纳,african,yes,yes,")
    first, second = sorted([line_of(states, "KEN,KE"), line_of(states, "KEN,GH")])
    with pytest.raises(reference.ReferenceFileError,
                       match=rf"states.csv, line {second}: the iso3 'KEN' is already used on line {first}"):
        reference.states()


def test_a_missing_column_and_a_bad_value_fail_loudly(reference_copy):
    spoil(reference_copy / "categories.csv", "code,name_en,name_zh,subcategorised,aliases", "code,name,name_zh,subcategorised,aliases")
    with pytest.raises(reference.ReferenceFileError, match=r"categories.csv, line 1: .*name_en"):
        reference.categories()
    spoil(reference_copy / "states.csv", "KEN,KE,Kenya,肯尼亚,african,yes,yes,", "KEN,KE,Kenya,肯尼亚,african,Yes,yes,")
    with pytest.raises(reference.ReferenceFileError, match=r"un_member.*'yes' or 'no'"):
        reference.states()


def test_an_unknown_regional_group_fails_loudly(reference_copy):
    spoil(reference_copy / "states.csv", "KEN,KE,Kenya,肯尼亚,african,yes,yes,", "KEN,KE,Kenya,肯尼亚,afrcan,yes,yes,")
    with pytest.raises(reference.ReferenceFileError, match=r"states.csv, line \d+: .*'afrcan'.*regional_groups.csv"):
        reference.states()


# --------------------------------------------------------------------------- issue 9, item 4: rows by their models

def test_rows_are_frozen_and_typed():
    state = reference.states()["KEN"]
    with pytest.raises(ValueError):
        state.name_en = "Kenia"                       # frozen: a loaded table cannot be changed by accident
    assert state.un_member is True and reference.states()["PRK"].uncac_party is False
    assert reference.chapters()["V"].number == 5 and reference.chapters()["II"].first_article == 5
    assert reference.categories()["capacity_building"].subcategorised is True
    assert reference.regions()["african"].subcategorised is False
    figures = {f.id: f for f in reference.published_figures()}
    assert figures["2019-needs"].published == 282 and isinstance(figures["2019-needs"].published, int)
    assert figures["2020-ch2-share"].published == 0.64
    assert figures["2020-ee-completed-share"].low == 0 and figures["2020-ee-completed-share"].high == 0.0699
    disclosure = figures["2020-disclosure"]         # a topic of the descriptions, as a share in bounds
    assert disclosure.key == "topics.financial_disclosure.states_share" and disclosure.low == 0.2


@pytest.mark.parametrize("name, old, new, says", [
    ("chapters.csv", "V,5,51,59,", "V,five,51,59,", "the column 'number' holds 'five', which is not a whole number"),
    ("chapters.csv", "V,5,51,59,", "V,5,59,51,", "the column 'first_article' holds 59, after the column 'last_article' (51)"),
    ("states.csv", "KEN,KE,Kenya,", "KEN,ke,Kenya,", "the column 'iso2' holds 'ke', which is not 2 capital letters"),
    ("article_groups.csv", "7_8,II,7; 8,2", "7_8,II,7; eight,2", "the column 'articles' holds '7; eight', which is not "
                                                              "whole numbers separated by ';'"),
    ("article_groups.csv", "7_8,II,7; 8,2", "7_8,II,7; 8,second", "the column 'order' holds 'second'"),
    ("published_figures.csv", "2019-needs,2019-08-31,overview.needs,282,exact",
     "2019-needs,2019-08-31,overview needs,282,exact", "the column 'key' holds 'overview needs', which is not a dotted key"),
    ("published_figures.csv", "2019-needs,2019-08-31,overview.needs,282,exact",
     "2019-needs,2019-08-31,overview.needs,282,exactly", "the column 'comparison' holds 'exactly'; write one of exact"),
    ("published_figures.csv", "2019-needs,2019-08-31,overview.needs,282,exact",
     "2019-needs,2019-31-08,overview.needs,282,exact", "the column 'cutoff' holds '2019-31-08', which is not a date"),
    ("published_figures.csv", "2019-needs,2019-08-31,overview.needs,282,exact",
     "2019-needs,2019-08-31,overview.needs,28 2,exact", "the column 'published' holds '28 2', which is not a number"),
    ("published_figures.csv", "2019-needs,2019-08-31,overview.needs,282,exact",
     "2019-needs,2019-08-31,overview.needs,,exact", "the column 'published' is empty, which the comparison 'exact' needs"),
    ("published_figures.csv", "2020-pep,2020-09-30,topics.politically_exposed_persons.states,3,exact",
     "2020-pep,2020-09-30,,3,exact",
     "the column 'key' must be blank for a descriptive figure, and only then"),
    ("published_figures.csv", "2020-g56-states,2020-09-30,chapter_ii.groups.5_6.states,,range,16,30",
     "2020-g56-states,2020-09-30,chapter_ii.groups.5_6.states,,range,30,16",
     "the columns 'low' and 'high' must both be filled for the comparison 'range', low first"),
])
def test_a_cell_the_row_model_refuses_is_named(reference_copy, name, old, new, says):
    path = reference_copy / name
    spoil(path, old, new)
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if new in text)
    loader = {"chapters.csv": reference.chapters, "states.csv": reference.states,
              "article_groups.csv": reference.article_groups, "published_figures.csv": reference.published_figures}[name]
    with pytest.raises(reference.ReferenceFileError) as err:
        loader()
    message = str(err.value)
    assert f"{name}, line {line}: {says}" in message, message
    assert message.endswith("Correct the file and run again.") and message.count(". ") == 1    # one sentence, then the advice


def test_an_article_outside_its_chapter_fails_loudly(reference_copy):
    articles = reference_copy / "articles.csv"
    spoil(articles, "51,V,General provision", "50,V,General provision")
    with pytest.raises(reference.ReferenceFileError,
                       match=rf"articles.csv, line {line_of(articles, '50,')}: the column 'article' holds 50, "
                             r"outside chapter V \(articles 51–59\)"):
        reference.articles()


def test_an_article_of_an_unknown_chapter_fails_loudly(reference_copy):
    articles = reference_copy / "articles.csv"
    spoil(articles, "51,V,General provision", "51,VI,General provision")
    with pytest.raises(reference.ReferenceFileError,
                       match=rf"articles.csv, line {line_of(articles, '51,')}: the column 'chapter' holds 'VI', "
                             r"which is not a code of chapters.csv \(II, V\)"):
        reference.articles()


def test_a_group_of_articles_outside_its_chapter_fails_loudly(reference_copy):
    groups = reference_copy / "article_groups.csv"
    spoil(groups, "12,II,12,6", "12,II,12; 52,6")
    with pytest.raises(reference.ReferenceFileError,
                       match=rf"article_groups.csv, line {line_of(groups, '12,')}: the column 'articles' names "
                             "article 52, which is in chapter V, not II"):
        reference.article_groups()


def test_a_group_naming_an_unknown_article_fails_loudly(reference_copy):
    groups = reference_copy / "article_groups.csv"
    spoil(groups, "art14_52,both,14; 52,8", "art14_52,both,14; 62,8")      # 'both': any chapter, but a real article
    with pytest.raises(reference.ReferenceFileError,
                       match=rf"article_groups.csv, line {line_of(groups, 'art14_52,')}: the column 'articles' names "
                             "article 62, which is not in articles.csv"):
        reference.article_groups()


def test_a_group_of_an_unknown_chapter_fails_loudly(reference_copy):
    groups = reference_copy / "article_groups.csv"
    spoil(groups, "14,II,14,7", "14,III,14,7")
    with pytest.raises(reference.ReferenceFileError,
                       match=rf"article_groups.csv, line {line_of(groups, '14,')}: the column 'chapter' holds 'III', "
                             "which is neither a code of chapters.csv"):
        reference.article_groups()


def test_the_group_of_both_chapters_spans_them():
    group = reference.article_groups()["art14_52"]
    assert group.chapter == "both"
    assert {reference.articles()[a].chapter for a in group.articles} == {"II", "V"}


def test_exactly_one_category_has_subcategories(reference_copy):
    categories = reference_copy / "categories.csv"
    assert reference.subcategorised_category() == "capacity_building"
    spoil(categories, "legislative_assistance,legislative assistance,立法援助,no,",
          "legislative_assistance,legislative assistance,立法援助,yes,")
    reference.clear_caches()
    with pytest.raises(reference.ReferenceFileError,
                       match=rf"categories.csv, line {line_of(categories, 'legislative_assistance,')}: the column "
                             "'subcategorised' says 'yes' for 'legislative_assistance' as well as for "
                             "'capacity_building'"):
        reference.categories()
    spoil(categories, "legislative_assistance,legislative assistance,立法援助,yes,",
          "legislative_assistance,legislative assistance,立法援助,no,")
    spoil(categories, "capacity_building,capacity-building,能力建设,yes,", "capacity_building,capacity-building,能力建设,no,")
    with pytest.raises(reference.ReferenceFileError, match=r"categories.csv, line 1: no category has 'yes' in the "
                                                           "column 'subcategorised'; exactly one must"):
        reference.subcategorised_category()


def test_a_required_column_only_the_model_knows_is_asked_for(reference_copy):
    spoil(reference_copy / "published_figures.csv", "id,cutoff,key,published,comparison,low,high,source,",
          "id,cutoff,key,value,comparison,low,high,source,")
    with pytest.raises(reference.ReferenceFileError, match=r"published_figures.csv, line 1: the header has no "
                                                           r"column 'published' \(it has 'id', 'cutoff', 'key', 'value'"):
        reference.published_figures()


def test_the_five_un_regional_groups_and_no_group():
    """regional_groups.csv says which entries are UN regional groups: the five, not `none` (e.g. the EU)."""
    assert [t.code for t in reference.regions() if t.un_group] == [
        "african", "asia_pacific", "eastern_european", "latin_american_caribbean", "western_european_other"]
    assert not reference.regions()["none"].un_group


def test_a_regional_group_flag_other_than_yes_or_no_fails_loudly(reference_copy):
    spoil(reference_copy / "regional_groups.csv", "none,No regional group,不属任何区域组,no,", "none,No regional group,不属任何区域组,No,")
    with pytest.raises(reference.ReferenceFileError, match=r"regional_groups.csv, line 7: .*un_group"):
        reference.regions()
