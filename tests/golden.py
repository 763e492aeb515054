"""The golden view of a document: one JSON object per line, per list, for review.

Golden files live in ``tests/golden/<doc id>/<list>.jsonl``.  Each list is its
own file so that a change to one extractor shows up as a diff of one file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extract import Document

GOLDEN = Path(__file__).resolve().parent / "golden"
LISTS = ("articles", "paragraphs", "sentences", "entities", "quantities", "dates", "quotes", "relations")


def project(doc: Document) -> dict[str, list[dict[str, Any]]]:
    data = doc.model_dump(mode="json")
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in LISTS}
    for article in data["articles"]:
        out["articles"].append(
            {
                "id": article["id"],
                "kind": article["kind"],
                "headline": article["headline"],
                "headlines": [[h["role"], h["text"], h["span"]] for h in article["headlines"]],
                "byline": article["byline"],
                "credits": [[c["role"], c["text"], c["span"], c["rule"]] for c in article["credits"]],
                "span": article["span"],
                "paragraphs": len(article["paragraphs"]),
            }
        )
        for n, paragraph in enumerate(article["paragraphs"], 1):
            out["paragraphs"].append(
                {
                    "article": article["id"],
                    "n": n,
                    "role": paragraph["role"],
                    "span": paragraph["span"],
                    "text": paragraph["text"],
                }
            )
            for sentence in paragraph["sentences"]:
                out["sentences"].append(
                    {"article": article["id"], "paragraph": n, "span": sentence["span"], "text": sentence["text"]}
                )
    for name in LISTS[3:]:
        out[name] = data.get(name, [])
    return out


def dump_lines(items: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def load_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
