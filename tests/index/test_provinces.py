from datetime import datetime, timedelta, timezone

from index import Article, open_store
from index.provinces import with_former_provinces
from index.query import Field, Or, parse
from nlp.types import Analysis

VN = timezone(timedelta(hours=7))


def test_a_current_province_also_names_the_provinces_merged_into_it():
    tree = with_former_provinces(parse('place:"TP Hồ Chí Minh" khen'))
    (place, word) = tree.items
    assert isinstance(place, Or)
    assert set(place.items) == {Field("place", "TP Hồ Chí Minh"),
                                Field("place", "tỉnh Bình Dương"),
                                Field("place", "tỉnh Bà Rịa - Vũng Tàu")}
    unit = with_former_provinces(parse('unit:"UBND TP Cần Thơ"'))
    assert Field("unit", "Ủy ban nhân dân tỉnh Sóc Trăng") in unit.items


def test_an_old_or_unchanged_province_is_left_alone():
    for query in ('place:"Bình Dương"', 'unit:"UBND tỉnh Nghệ An"', "bình dương"):
        assert with_former_provinces(parse(query)) == parse(query)


def test_search_finds_coverage_from_before_the_merger(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    old = Article(url="http://x/1", canonical_url="http://x/1", source="s", title="Bình Dương",
                  body="Tin năm 2024.", published_at=datetime(2024, 5, 1, tzinfo=VN))
    new = Article(url="http://x/2", canonical_url="http://x/2", source="s", title="TP.HCM",
                  body="Tin năm 2026.", published_at=datetime(2026, 5, 1, tzinfo=VN))
    store.add_analyzed([(old, Analysis(units=["tỉnh Bình Dương"])),
                        (new, Analysis(units=["thành phố Hồ Chí Minh"]))])
    both = store.search(with_former_provinces(parse('unit:"TP Hồ Chí Minh"')))
    assert {h.id for h in both.hits} == {old.id, new.id}
    only_old = store.search(with_former_provinces(parse('unit:"tỉnh Bình Dương"')))
    assert {h.id for h in only_old.hits} == {old.id}
    store.close()
