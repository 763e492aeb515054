"""Lexicons of the entity rules: the rule tables of ``data/entities.toml`` and jieba's tagged dictionary.

Everything loads on first use and is kept for the process (``functools.cache``):
the place gazetteer is the set of words jieba's own dictionary tags ``ns``
(place names, about 17,000), and the same dictionary's tags tell a name jieba
knows as a person (``nr``) from a common word (``n``, ``v`` ...).  Patterns are
compiled here, once.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jieba
import regex

from ..rules import alternation, load_data

# A person name: a surname and one or two characters, or a minority or foreign
# name joined by the middle dot (柯拉热·萨吾提, 买买提·艾力).
DOTTED_NAME = r"\p{Han}{1,6}·\p{Han}{1,8}(?:·\p{Han}{1,8})?"
NUMERAL = r"[一二三四五六七八九十百零〇两\d]+"


@cache
def load_jieba_tags() -> dict[str, tuple[str, int]]:
    """jieba's own dictionary: word -> (part-of-speech tag, frequency).

    Parsing its 349,000 lines takes about 0.33 s of a cold start; the parsed
    table is kept in the user's cache folder (``$XDG_CACHE_HOME/extract`` or
    ``~/.cache/extract``, not a shared temp folder, since it is unpickled),
    keyed by the dictionary's size and time, and loads in about 0.16 s.
    """
    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    stat = os.stat(path)
    folder = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "extract")
    cache_file = os.path.join(folder, f"jieba-tags-{stat.st_size}-{stat.st_mtime_ns}.pickle")
    try:
        with open(cache_file, "rb") as fh:
            cached = pickle.load(fh)
        if isinstance(cached, dict) and cached:
            return cached
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        pass
    tags: dict[str, tuple[str, int]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = (parts[2], int(parts[1]))
    try:  # written whole or not at all: a reader never sees half a cache
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix="jieba-tags-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(tags, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache_file)
    except OSError:
        pass
    return tags


@cache
def load_tags() -> dict[str, tuple[str, int]]:
    """jieba's dictionary with the package's user dictionary on top (its words are common words too)."""
    tags = dict(load_jieba_tags())
    text = resources.files("extract.data").joinpath("userdict.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3:
            tags[parts[0]] = (parts[2], int(parts[1]))
    return tags


@cache
def load_places() -> frozenset[str]:
    """The place gazetteer: jieba's ``ns`` words of two characters or more, less the vetoed common words."""
    vetoes = set(entity_table()["gazetteer"][0]["vetoes"])
    return frozenset(w for w, (t, _) in load_jieba_tags().items() if t == "ns" and len(w) >= 2 and w not in vetoes)


def rows(name: str) -> list[dict[str, Any]]:
    return list(entity_table().get(name, []))


@cache
def entity_table() -> dict[str, Any]:
    return load_data("entities.toml")


@dataclass(frozen=True)
class Lexicon:
    surnames_single: frozenset[str]
    surnames_compound: frozenset[str]
    name: str  # regex source of a person name
    titles: tuple[tuple[str, regex.Pattern[str]], ...]  # (rule id, pattern of its titles)
    title_tail_re: regex.Pattern[str]  # titles joined by 、 at the end of a text: 教授、博士生导师
    honorifics: frozenset[str]
    honorific_re: regex.Pattern[str]
    speech_verbs: tuple[str, ...]
    speech_verb_re: regex.Pattern[str]
    frames: tuple[tuple[str, regex.Pattern[str]], ...]
    org_forms: tuple[tuple[str, str], ...]  # (surface, rule id), longest first
    org_form_re: regex.Pattern[str]
    agencies: frozenset[str]
    agency_re: regex.Pattern[str]
    trade: frozenset[str]
    org_stop: frozenset[str]
    not_proper: frozenset[str]  # vetoed gazetteer words and generic words jieba does not know
    org_kinds: frozenset[str]  # modifiers of a generic organization noun (上市公司)
    enumeration_re: regex.Pattern[str]
    zone_re: regex.Pattern[str]
    zone_words: frozenset[str]
    venue_re: regex.Pattern[str]
    divisions: frozenset[str]
    event_re: regex.Pattern[str]
    event_words: str
    ordinal_event_re: regex.Pattern[str]
    work_title_re: regex.Pattern[str]
    work_project_re: regex.Pattern[str]
    work_programme_re: regex.Pattern[str]

    def is_surname_start(self, text: str) -> bool:
        return text[:1] in self.surnames_single or text[:2] in self.surnames_compound


@cache
def load_lexicon() -> Lexicon:
    table = entity_table()
    single = frozenset(ch for ch in table["surnames"]["single"] if not ch.isspace())
    compound = frozenset(table["surnames"]["compound"])
    surname = "(?:" + alternation(compound) + "|[" + "".join(sorted(single)) + "])"
    name = rf"(?:{DOTTED_NAME}|{surname}\p{{Han}}{{1,2}})"

    titles = []
    title_sources = []
    for row in table["title"]:
        source = alternation(row["surfaces"])
        if row.get("pattern"):
            source = row["pattern"] + "|" + source
        title_sources.append(source)
        titles.append((row["id"], regex.compile(f"(?:{source})")))
    honorifics = frozenset(table["honorific"][0]["surfaces"])

    speech = {row["id"]: row for row in table["speech"]}
    verbs = tuple(speech["person/speaker.verb"]["surfaces"])
    frames = tuple(
        (rid, regex.compile(row["pattern"].replace("{name}", f"(?P<name>{name})")))
        for rid, row in speech.items()
        if row.get("pattern")
    )

    forms: list[tuple[str, str]] = []
    for row in table["org_form"]:
        forms.extend((s, row["id"]) for s in row["surfaces"])
    forms.sort(key=lambda f: -len(f[0]))
    agencies = frozenset(table["agency"][0]["surfaces"])

    enum = table["enumeration"][0]
    # Anchored on 等: the items before it are read leftwards by the extractor.
    enumeration = (
        rf"(?<=[\p{{Han}}A-Za-z0-9·]{{2}})等(?:(?![的之])[\p{{Han}}（）()]){{0,12}}?(?:{NUMERAL}|几|数)?(?:多|余)?(?:家|个)?"
        rf"(?:{alternation(enum['heads'])})"
    )
    zone = table["zone"][0]
    zone_re = (
        rf"(?P<zone>{alternation(zone['surfaces'])})"
        rf"(?P<alias>[（(]\p{{Han}}{{1,6}}(?:{alternation(zone['surfaces'])}|区|县|市)[)）])?"
        rf"(?P<district>{alternation(zone['districts'])})?"
    )
    venue = table["venue"][0]
    events = next(row for row in table["event"] if row.get("surfaces"))["surfaces"]
    event_words = alternation(events)
    ordinal_event = (
        rf"(?:第{NUMERAL}[届次](?:“[^“”\n]{{1,24}}”(?:{event_words})?|\p{{Han}}{{0,16}}?(?:{event_words}))"
        rf"|“[^“”\n]{{1,24}}”[（(]第{NUMERAL}[期届次][)）](?:{event_words}))"
    )
    project = next(row for row in table["work"] if row["id"] == "work/project")
    programme = next(row for row in table["work"] if row["id"] == "work/programme")
    return Lexicon(
        surnames_single=single,
        surnames_compound=compound,
        name=name,
        titles=tuple(titles),
        title_tail_re=regex.compile(
            "(?P<titles>(?:{t})(?:、(?:{t}))*)$".format(t="|".join(f"(?:{t})" for t in title_sources))
        ),
        honorifics=honorifics,
        honorific_re=regex.compile(f"(?:{alternation(honorifics)})"),
        speech_verbs=verbs,
        speech_verb_re=regex.compile(f"(?:{alternation(verbs)})"),
        frames=frames,
        org_forms=tuple(forms),
        org_form_re=regex.compile(f"(?:{alternation([f for f, _ in forms])})"),
        agencies=agencies,
        agency_re=regex.compile(f"(?:{alternation(agencies)})"),
        trade=frozenset(table["trade"][0]["surfaces"]),
        org_stop=frozenset(table["org_stop"][0]["surfaces"]),
        not_proper=frozenset(table["generic"][0]["surfaces"])
        | frozenset(table["gazetteer"][0]["vetoes"])
        | frozenset(table["org_kind"][0]["surfaces"]),
        org_kinds=frozenset(table["org_kind"][0]["surfaces"]),
        enumeration_re=regex.compile(enumeration),
        zone_re=regex.compile(zone_re),
        zone_words=frozenset(zone["surfaces"]),
        venue_re=regex.compile(f"(?:{alternation(venue['surfaces'])})"),
        divisions=frozenset(table["division"][0]["surfaces"]),
        event_re=regex.compile(f"(?:{event_words})"),
        event_words=event_words,
        ordinal_event_re=regex.compile(ordinal_event),
        work_title_re=regex.compile(r"《[^《》\n]{1,40}》"),
        work_project_re=regex.compile(rf"(?P<quotes>(?:“[^“”\n]{{2,40}}”)+)等?(?:{alternation(project['heads'])})"),
        work_programme_re=regex.compile(
            rf"“[^“”\n。！？，]{{1,20}}”\p{{Han}}{{0,8}}?(?:{alternation(programme['heads'])})"
        ),
    )
