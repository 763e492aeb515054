"""Accuracy on annotated real text: floors per data set and type, measured with ``extract.evaluate``.

The data are read at test time from ``../shared/dev/`` (People's Daily NER,
development split) and ``../shared/conformance/ner_cluener.jsonl`` (CLUENER2020
dev), never copied into the repository; the tests skip when they are absent.
A match is the same type and the same [start, end).  The floors are the figures
measured when they were set (``python bench/accuracy.py`` prints them all), a
little below to absorb ties: a drop below one is a regression.  A floor only
moves up.  Rules are never tuned to single sentences of these sets.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED

from extract import Report, evaluate

DATA = {
    "peoples_daily": SHARED / "dev" / "ner_peoples_daily_dev.jsonl",
    "cluener": SHARED / "conformance" / "ner_cluener.jsonl",
}
# (data set, type) -> (precision, recall) floors.
FLOORS = {
    # People's Daily dev, 2026-12-02 (issue 12, round 3: places and organizations): LOCATION 0.862/0.820,
    # ORG 0.833/0.624, PERSON 0.820/0.684, all 0.846/0.738 (a country before 政府 is a place, places inside
    # titles, one-character forms in more frames, regions, the organization walk stops left of its place).
    # Then LOCATION 0.866/0.821, ORG 0.844/0.633 (foreign divisions 巴达赫尚/省; dateline words end the
    # organization walk, 日电/外交部; a place joins a state organ, ministry or association, 天津市/妇联);
    # then LOCATION 0.869/0.825, ORG 0.846/0.646 (访韩/对华; 中国女篮; foreign state organs, 国家杜马).
    # Issue 12, round 4 (2026-12-01): LOCATION 0.903/0.843 (paths of places split as People's Daily marks
    # them, 江苏/泰兴市; GeoNames cities; landmarks; veto rows), ORG 0.868/0.704 (bodies named without a
    # suffix, clubs and companies, cued names 罗马/利物浦), PERSON 0.905/0.787, overall 0.895/0.794; then
    # PERSON 0.917/0.813 (names jieba lists under another tag next to a cue, 国务委员罗干; eponymous cups and
    # prizes, 尤伯杯 -> 尤伯; 等人/本人 after a name), overall 0.899/0.800; then 0.918/0.819 (东条英机 whole).
    ("peoples_daily", "LOCATION"): (0.90, 0.84),
    ("peoples_daily", "ORG"): (0.86, 0.70),
    # PERSON 0.843/0.716 after issue 12's person round (a transliteration run outranks the jieba name tag
    # on its head, 斯特罗/耶夫; more transliteration characters; 张友/香 read as one name); CLUENER 0.597/0.609.
    # PERSON 0.854/0.720 after Japanese names (桥本龙太郎, 谷口清太郎: a ranked surname table and a given name).
    ("peoples_daily", "PERSON"): (0.91, 0.81),
    ("peoples_daily", "overall"): (0.89, 0.79),
    # CLUENER dev: LOCATION 0.265/0.369 (jieba's ns tags are noisy), ORG 0.650/0.269 (CLUENER marks 日本政府
    # as an organization, we follow People's Daily: the country alone), PERSON 0.597/0.609, WORK 0.976/0.545;
    # TITLE (positions such as 记者) is annotated there and not produced here.
    # The PERSON and ORG precision floors went down once, on purpose (issue 12, round 1: 0.77 -> 0.49 and
    # 0.68 -> 0.63): the name model finds persons without a cue word (recall 0.230 -> 0.529), and CLUENER
    # leaves out what People's Daily marks (a bare surname before a title: 李总).  Round 2 raised them
    # again (sports teams, landmarks, titles read as given names).  Round 4 (2026-12-01): LOCATION
    # 0.335/0.388, ORG 0.793/0.631 (its old precision floor, 0.68, passed), PERSON 0.716/0.677 (the old
    # 0.77 still to be reached: CLUENER leaves out the bare surnames before a title that People's Daily marks).
    ("cluener", "LOCATION"): (0.33, 0.38),
    ("cluener", "ORG"): (0.79, 0.62),
    ("cluener", "PERSON"): (0.71, 0.67),
    ("cluener", "WORK"): (0.97, 0.54),
}

_reports: dict[str, Report] = {}


def report_of(name: str) -> Report:
    path: Path = DATA[name]
    if not path.exists():
        pytest.skip(f"{path} not found (shared/ is not part of a clone)")
    if name not in _reports:
        _reports[name] = evaluate(path)
    return _reports[name]


@pytest.mark.parametrize(("data", "etype"), list(FLOORS), ids=[f"{d}-{t}" for d, t in FLOORS])
def test_accuracy_stays_above_floor(data: str, etype: str) -> None:
    report = report_of(data)
    assert report.items == {"peoples_daily": 2318, "cluener": 1343}[data]
    score = report.overall if etype == "overall" else report.by_type[etype]
    floor_p, floor_r = FLOORS[(data, etype)]
    print(f"{data} {etype}: precision {score.p:.3f}, recall {score.r:.3f}, F1 {score.f1:.3f}")
    assert score.p >= floor_p and score.r >= floor_r, (
        f"{data} {etype}: precision {score.p:.3f} (floor {floor_p}), recall {score.r:.3f} (floor {floor_r})"
    )
