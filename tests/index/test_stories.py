"""Story grouping itself (index/stories.py): what is compared, and how well it
groups the labelled reprints of our sample articles."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from newsmon.index.documents import Article
from newsmon.index.stories import NUM_PERM, StoryIndex, cleaned, is_wire, shingles, signatures
from tests.index.story_cases import families, pair_scores


def test_credits_bylines_and_captions_are_not_compared():
    a = Article(url="https://x.vn/a", canonical_url="", source="nhandan", title="Tiêu đề mới",
                sapo="(TTXVN) Chiều 11/11, tỉnh trao Bằng khen cho 26 tập thể.",
                body="Ảnh: Thanh Vân/TTXVN\nCác cá nhân nhận Huân chương.\nMinh Anh")
    text = cleaned(a)
    assert "ttxvn" not in text and "minh anh" not in text and "tiêu đề" not in text
    assert "chiều 11/11, tỉnh trao bằng khen cho 26 tập thể." in text
    assert is_wire(a)
    assert shingles("một hai ba bốn") == {"mot hai ba", "hai ba bon"}


def test_signatures_ignore_case_and_tone_marks_and_batches_sign_alike():
    texts = ["Đà Nẵng trao Bằng khen cho 26 tập thể và 40 cá nhân năm 2022.",
             "đà nẵng trao bằng khen cho 26 tập thể và 40 cá nhân năm 2022.",
             "Da Nang trao Bang khen cho 26 tap the va 40 ca nhan nam 2022.",
             "Một văn bản khác hẳn về bóng đá ở Huế."]
    together, sizes = signatures(texts)
    assert (together[0] == together[1]).all() and (together[0] == together[2]).all()
    assert (together[0] != together[3]).sum() > NUM_PERM // 2
    assert sizes[0] == len(shingles(texts[0]))
    # pieces between spaces are the syllables ("11/11," is one), punctuation alone is none
    assert shingles("Ngày 11/11, tỉnh (Đà Nẵng) - trao") == {
        "ngay 11 11 tinh", "11 11 tinh da", "tinh da nang", "da nang trao"}
    for text, row in zip(texts, together, strict=True):
        alone, _ = signatures([text])
        assert (alone[0] == row).all()
    empty, size = signatures([""])
    assert size == [0]


def test_labelled_reprints_group_with_high_precision_and_recall():
    fams = families()
    index = StoryIndex()
    groups = {}
    for _, copies in fams:
        for article in copies:
            groups[article.id] = index.add(article).story_id
    precision, recall = pair_scores(groups, fams)
    assert precision >= 0.97 and recall >= 0.93, (precision, recall)


def test_copies_far_apart_in_time_are_different_stories():
    _, copies = families()[0]
    later = copies[1]
    later.published_at = copies[0].published_at + timedelta(days=30)
    index = StoryIndex()
    assert index.add(copies[0]).story_id != index.add(later).story_id


def test_a_changed_text_is_placed_again_and_an_unchanged_one_is_known():
    _, copies = families()[1]
    index = StoryIndex()
    index.add(copies[0])
    assert index.known(copies[0])
    copies[0].published_at = datetime(2020, 1, 1)
    assert index.known(copies[0])  # the text, not the date, says whether to place it again


def test_a_batch_groups_as_one_article_at_a_time_does():
    articles = [a for _, copies in families() for a in copies]
    one_by_one, batched = StoryIndex(), StoryIndex()
    alone = {a.id: one_by_one.add(a).story_id for a in articles}
    together = {r.article_id: r.story_id for r in batched.add_all(articles)}
    assert alone == together
    assert len(set(together.values())) == len(families())


def test_a_changed_article_leaves_its_old_story():
    (_, first), (_, second) = families()[:2]
    index = StoryIndex()
    index.add_all([*first, second[0]])
    moved = replace(first[1], sapo=second[0].sapo, body=second[0].body)
    assert not index.known(moved)
    assert index.add(moved).story_id == index.story_of(second[0].id)
    assert len(index) == len(first) + 1
    # its former text's bands are gone: a new copy of that text joins the copies left
    again = replace(first[1], id="", url="https://x.example/again",
                    canonical_url="https://x.example/again")
    assert again.id != first[1].id
    assert index.add(again).story_id == index.story_of(first[0].id)
    held = {slot for table in index.bands for v in table.values()
            for slot in (v if isinstance(v, list) else [v])}
    assert held == set(index.slot_of.values())  # no band keeps the replaced text's slot
