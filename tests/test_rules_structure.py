"""Every row of data/structure.toml: its examples match, its negatives do not."""

from __future__ import annotations

import pytest

from extract.rules import PatternRule, structure_rules

RULES = structure_rules().all_pattern_rules()
EXAMPLES = [(rule, text) for rule in RULES for text in rule.examples]
NEGATIVES = [(rule, text) for rule in RULES for text in rule.negatives]


def test_every_rule_has_examples_and_negatives() -> None:
    for rule in RULES:
        assert rule.examples, rule.id
        assert rule.negatives, rule.id


@pytest.mark.parametrize(("rule", "text"), EXAMPLES, ids=[f"{r.id}:{t}" for r, t in EXAMPLES])
def test_example_matches(rule: PatternRule, text: str) -> None:
    assert rule.search(text) is not None


@pytest.mark.parametrize(("rule", "text"), NEGATIVES, ids=[f"{r.id}:{t}" for r, t in NEGATIVES])
def test_negative_does_not_match(rule: PatternRule, text: str) -> None:
    assert rule.search(text) is None


@pytest.mark.parametrize(
    ("rule_id", "text", "names"),
    [
        ("byline.reporter_line", "▶ 本报记者 邓淑华", ["邓淑华"]),
        ("byline.reporter_line", "本报记者 王小明 通讯员 赵六", ["王小明", "赵六"]),
        ("lead.agency_reporter", "科技日报讯 （记者 杨宇航）近日", ["杨宇航"]),
        ("lead.agency_reporter", "新华社北京7月1日电（记者 张三 李四）", ["张三", "李四"]),
        ("credit.photographer", "…创意产品。 新华社记者 黄伟/摄", ["黄伟"]),
        ("signature.names", "引领高质量发展。 柯拉热·萨吾提", ["柯拉热·萨吾提"]),
        ("signature.names", "合作协议。 卢桂林 陈荣滨", ["卢桂林", "陈荣滨"]),
    ],
)
def test_names_in_credits(rule_id: str, text: str, names: list[str]) -> None:
    rules = structure_rules()
    rule = next(r for r in rules.all_pattern_rules() if r.id == rule_id)
    m = rule.search(text)
    assert m is not None
    found = []
    for group in ("names", "names2"):
        if m.groupdict().get(group):
            found += [n.group() for n in rules.name.finditer(m.group(group))]
    assert found == names


def test_labels_have_examples() -> None:
    rules = structure_rules()
    for example in rules.label_rule["examples"]:
        assert example in rules.labels
    for negative in rules.label_rule["negatives"]:
        assert negative not in rules.labels
