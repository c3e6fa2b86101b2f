"""Honest sums in SQL: the rules of `index.sums`, grouped and counted by SQLite.

`figures --sum-by` over a large store read every matching figure into Python
(sentences and all) to add a few numbers: 20 ms became a third of a second at
100,000 articles. Here the store picks one copy per story (a window function
over the matching articles, in `index.stories.original_order`'s order: a TTXVN
outlet first, then the earliest, then by id), leaves out a stated total when
its parts are among the kept figures of the same article and status, and
groups by the label's key and the recipient kind. The conformance suite holds
this to the same answers as the Python reference (`index.sums.honest_sums`),
which the Elasticsearch store uses.
"""

from __future__ import annotations

from newsmon.index.stories import TTXVN_SOURCES

#: (key, shown name) of each grouping; `u` is the article's main unit (rank 0)
_LABELS = {
    "unit": ("COALESCE(u.key, '')", "COALESCE(u.name, '')"),
    "level": ("k.level_key", "k.level"),
    "award": ("k.award_key", "k.award"),
    "status": ("k.status", "k.status"),
    "source": ("k.source", "k.source"),
}


def sums_sql(where: str, by: str) -> str:
    """The query: rows of (name, kind, total, figures, articles) for the figures that
    `where` (over `f` the awards and `a` the articles) selects. Most stories have one
    matching copy: only those with several read their copies' outlet and date (late
    in an article's row, after its text) to keep the original."""
    key, name = _LABELS[by]
    wire = ", ".join(f"'{s}'" for s in sorted(TTXVN_SOURCES))
    unit_join = (
        "LEFT JOIN units u ON u.article_id = k.article_id AND u.rank = 0" if by == "unit" else ""
    )
    source, source_join = (
        ("a.source", "JOIN articles a ON a.id = f.article_id") if by == "source" else ("''", "")
    )
    return f"""
WITH matching AS MATERIALIZED (
    SELECT f.rowid AS fid, f.article_id, COALESCE(s.story_id, f.article_id) AS story
    FROM awards f JOIN articles a ON a.id = f.article_id
    LEFT JOIN stories s ON s.article_id = f.article_id
    WHERE {where}
),
shared AS MATERIALIZED (
    SELECT story FROM matching GROUP BY story HAVING COUNT(DISTINCT article_id) > 1
),
dropped AS MATERIALIZED (
    SELECT article_id FROM (
        SELECT m.article_id, ROW_NUMBER() OVER (
            PARTITION BY m.story ORDER BY a.source NOT IN ({wire}), a.published_at IS NULL,
            COALESCE(a.published_at, ''), m.article_id) AS n
        FROM (SELECT DISTINCT article_id, story FROM matching
              WHERE story IN (SELECT story FROM shared)) m
        JOIN articles a ON a.id = m.article_id)
    WHERE n > 1
),
kept AS MATERIALIZED (
    SELECT f.article_id, f.count, f.recipient_kind, f.is_total, f.status, f.level,
           f.level_key, f.award, f.award_key, {source} AS source
    FROM matching m JOIN awards f ON f.rowid = m.fid {source_join}
    WHERE m.article_id NOT IN (SELECT article_id FROM dropped)
),
parts AS MATERIALIZED (SELECT DISTINCT article_id, status FROM kept WHERE NOT is_total)
SELECT {key} AS key, MIN({name}) AS name, k.recipient_kind AS kind, SUM(k.count) AS total,
       COUNT(*) AS figures, COUNT(DISTINCT k.article_id) AS articles
FROM kept k LEFT JOIN parts p ON p.article_id = k.article_id AND p.status = k.status
{unit_join}
WHERE NOT k.is_total OR p.article_id IS NULL
GROUP BY {key}, k.recipient_kind
"""
