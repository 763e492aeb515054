"""Records: the pydantic models of everything the pipeline writes.

The ``Document`` is the contract between the pipeline and its users: one per
input, one JSON line each in a batch.  Every extracted item carries ``span``, a
half-open ``[start, end)`` pair of code-point offsets into the raw text as
decoded (BOM removed), and ``text``, the normalized surface of that raw slice
(``extract.layout.normalize(raw[start:end]) == text``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema, field_validator, model_validator

SCHEMA_VERSION = "1.0.0"


def _number_out(value: Decimal) -> int | float:
    # Whole values as JSON integers (exact at any size: 34, not 34.0), others as floats.
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# Exact inside (Decimal), a JSON number outside.
Number = Annotated[
    Decimal,
    PlainSerializer(_number_out, return_type=int | float, when_used="json"),
    WithJsonSchema({"type": "number"}),
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Spanned(Record):
    span: tuple[int, int] = Field(
        description="[start, end) code-point offsets into the raw text as decoded",
        examples=[[120, 127]],
    )
    text: str = Field(description="normalized surface of raw[start:end]")

    @field_validator("span")
    @classmethod
    def _ordered(cls, span: tuple[int, int]) -> tuple[int, int]:
        start, end = span
        if start < 0 or end < start:
            raise ValueError(f"span must satisfy 0 <= start <= end, got {list(span)}")
        return span


class Source(Record):
    path: str | None = Field(description="input path as given; null for text passed in directly")
    sha256: str = Field(description="sha256 of the input bytes (of the UTF-8 text when given as a string)")
    encoding: str = Field(description="encoding the bytes were decoded with", examples=["utf-8", "gb18030"])
    chars: int = Field(ge=0, description="length of the raw text in code points")
    bytes: int = Field(ge=0, description="size of the input in bytes")


class Sentence(Spanned):
    pass


class Paragraph(Spanned):
    role: Literal["body", "subheading", "caption"] = Field(
        description="body text, a subheading printed inside the article, or a photo caption"
    )
    sentences: list[Sentence] = Field(default_factory=list)


class Credit(Spanned):
    role: Literal["reporter", "photographer", "signature", "source", "picture_note"] = Field(
        description="who the line credits: reporters of a byline, a photographer (X/摄), "
        "a signature closing an article, a picture source (图片来源：), or a note on the "
        "article's pictures (附图片2张, 资料图片)"
    )
    names: list[str] = Field(default_factory=list, description="person names in the credit")
    rule: str


class Headline(Spanned):
    role: Literal["kicker", "headline", "subheadline"] = Field(
        description="kicker (引题, printed above), headline (主题), subheadline (副题)"
    )


class Dateline(Spanned):
    agency: str | None = Field(description="who filed the article: 本报 or an agency", examples=["新华社"])
    place: str | None = Field(default=None, description="where it was filed, as printed", examples=["东京"])
    date: str | None = Field(
        default=None,
        description="ISO date it was filed: the printed month and day, the year from the document or "
        "the reference date; null when none is printed or no year is known",
        examples=["2024-03-05"],
    )


class Article(Record):
    id: str = Field(examples=["a1"])
    kind: Literal["article", "photo"] = Field(description="a text article, or a photo with its caption")
    headline: str | None = Field(description="the main headline, null when none is printed")
    headlines: list[Headline] = Field(default_factory=list, description="every headline line, with its role")
    byline: list[str] = Field(
        default_factory=list, description="person names credited: reporters, photographers, signatures"
    )
    credits: list[Credit] = Field(default_factory=list)
    span: tuple[int, int] = Field(description="[start, end) raw offsets from the first to the last line of the body")
    paragraphs: list[Paragraph] = Field(default_factory=list)
    dateline: Dateline | None = Field(
        default=None,
        description="the dateline opening or closing the article (本报北京12月31日讯, （新华社东京3月5日电）)",
    )


EntityType = Literal["PERSON", "ORG", "LOCATION", "EVENT", "WORK"]


class Entity(Spanned):
    id: str = Field(examples=["e1"])
    type: EntityType
    article: str | None = Field(description="id of the article the mention is in")
    rule: str = Field(description="id of the rule that found it", examples=["person/byline.reporter"])
    canonical: str | None = Field(default=None, description="full name when this mention is a short form")


Qualifier = Literal["exact", "approx", "more_than", "at_least", "less_than", "at_most", "range"]


class Quantity(Spanned):
    id: str = Field(examples=["q1"])
    value: Number = Field(description="fully scaled value: 13.8万 -> 138000")
    value_max: Number | None = Field(default=None, description="upper bound when qualifier is range")
    unit: str = Field(description="unit or measure word without magnitude", examples=["平方米", "家", "元", "%"])
    unit_kind: str = Field(default="count", examples=["count", "currency", "area", "percent"])
    qualifier: Qualifier = "exact"
    ordinal: bool = False
    article: str | None
    rule: str


class DateRecord(Spanned):
    id: str = Field(examples=["d1"])
    value: str = Field(
        description="ISO 8601 (Gregorian) date, month, year, interval a/b (both ends included), or date and "
        "time (2024-03-05T10:00); --MM-DD or ---DD without a year or month; empty when it needs a reference date",
        examples=["2024-03-05", "2024-01/2024-06", "--10-01"],
    )
    kind: Literal["absolute", "range", "relative", "era"] = Field(
        description="era: a year counted in a reign era or 民国 (康熙二十年, 民国三年)"
    )
    calendar: Literal["gregorian", "lunar"] = Field(
        default="gregorian", description="lunar: the text is a date of the lunar calendar (农历, 正月初一, 春节)"
    )
    lunar: str | None = Field(
        default=None,
        description="the lunar date as resolved, YYYY-MM-DD, YYYY-MM or --MM-DD (a leap month as 04L); "
        "null for a Gregorian date",
        examples=["2015-10-01", "--01-01"],
    )
    article: str | None
    rule: str


class Quote(Spanned):
    id: str = Field(examples=["u1"])
    speaker: str | None = Field(description="who said it, as written; null when unknown")
    speaker_id: str | None = Field(default=None, description="id of the speaker's entity record, when there is one")
    article: str | None
    rule: str


class Relation(Spanned):
    id: str = Field(examples=["r1"])
    type: Literal["person_role", "statistic"] = Field(
        description="person_role: person, title, organization; statistic: what was counted, quantity"
    )
    args: list[str] = Field(description="ids of the records related, in the order the type gives")
    roles: dict[str, str] = Field(
        default_factory=dict,
        description="named parts as written: title and organization of a person_role, subject of a statistic",
    )
    article: str | None
    rule: str


class ErrorRecord(Record):
    file: str | None = Field(description="the input that failed")
    stage: str = Field(description="pipeline stage that failed", examples=["ingest"])
    reason: str


class Furniture(Spanned):
    id: str = Field(examples=["f1"])
    kind: Literal["label"] = Field(
        description="page furniture printed on a page and belonging to no article: a section label or running head"
    )


# The record lists that carry ids, and the prefix of each list's ids (e1, q1 ...).
ID_PREFIXES = {
    "articles": "a",
    "entities": "e",
    "quantities": "q",
    "dates": "d",
    "quotes": "u",
    "relations": "r",
    "furniture": "f",
}


class Document(Record):
    schema_version: str = SCHEMA_VERSION
    id: str = Field(description="document id: the file stem, or the sha256 prefix of the text")
    source: Source
    articles: list[Article] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    dates: list[DateRecord] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    furniture: list[Furniture] = Field(
        default_factory=list, description="page furniture (section labels, running heads): kept, in no article"
    )
    reference_date: str | None = Field(
        default=None, description="ISO date that relative dates were resolved against; null when none was given"
    )
    warnings: list[str] = Field(
        default_factory=list, description="repairs made while reading the input (a truncated last character...)"
    )
    errors: list[ErrorRecord] = Field(default_factory=list)

    @model_validator(mode="after")
    def _spans_inside(self) -> Document:
        chars = self.source.chars
        for item in self.spanned():
            if item.span[1] > chars:
                raise ValueError(f"span {list(item.span)} ends past the raw text ({chars} chars)")
        return self

    def spanned(self) -> list[Spanned]:
        """Every record with a span, in document order of the lists."""
        out: list[Spanned] = []
        for article in self.articles:
            out.extend(article.headlines)
            if article.dateline is not None:
                out.append(article.dateline)
            out.extend(article.credits)
            for paragraph in article.paragraphs:
                out.append(paragraph)
                out.extend(paragraph.sentences)
        out.extend(self.entities)
        out.extend(self.quantities)
        out.extend(self.dates)
        out.extend(self.quotes)
        out.extend(self.relations)
        out.extend(self.furniture)
        return out


def json_schema() -> dict:
    return Document.model_json_schema(mode="serialization")
