"""``CITATION.cff`` is valid Citation File Format 1.2.0 and names the package's current version.

PyYAML is not a dependency, so the file is read with a small reader of the
YAML subset it is written in (block mappings and sequences, plain and
double-quoted scalars); the reader rejects anything else, which keeps the
file in that subset. Where PyYAML happens to be installed, both readings
must agree.
"""

from __future__ import annotations

import importlib.util
import json
import re
from typing import Any

import pytest

import gantheory
from tests.paths import REPO

CFF = REPO / "CITATION.cff"

_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):(?: (.*))?$")

#: arXiv identifiers of the works the project cites (see the brief's reference list).
EXPECTED_ARXIV = {
    "1406.2661",  # Goodfellow et al. 2014, Generative Adversarial Nets
    "1701.00160",  # Goodfellow 2016, NIPS 2016 tutorial
    "1606.00709",  # Nowozin et al. 2016, f-GAN
    "1701.04862",  # Arjovsky & Bottou 2017, Towards principled methods
    "1801.04406",  # Mescheder et al. 2018, Which training methods for GANs do actually converge?
    "1611.04076",  # Mao et al. 2017, Least squares GANs
    "1610.06545",  # Lopez-Paz & Oquab 2017, Revisiting classifier two-sample tests
}


def _scalar(text: str) -> Any:
    text = text.strip()
    if text.startswith('"'):
        if not (len(text) >= 2 and text.endswith('"')):
            raise ValueError(f"unterminated quoted scalar: {text}")
        return json.loads(text)  # a double-quoted YAML scalar without YAML-only escapes reads as JSON
    if text.startswith(("'", "[", "{", "&", "*", "!", "|", ">")) or " #" in text:
        raise ValueError(f"outside the supported YAML subset: {text}")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return text


def _block(lines: list[tuple[int, str]], i: int, indent: int) -> tuple[Any, int]:
    if lines[i][1].startswith("- "):
        items = []
        while i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("- "):
            rest = lines[i][1][2:]
            if _KEY.match(rest):  # "- key: value" opens a mapping indented by two more
                lines[i] = (indent + 2, rest)
                value, i = _block(lines, i, indent + 2)
            else:
                value, i = _scalar(rest), i + 1
            items.append(value)
        return items, i
    mapping: dict[str, Any] = {}
    while i < len(lines) and lines[i][0] == indent and not lines[i][1].startswith("- "):
        match = _KEY.match(lines[i][1])
        if not match:
            raise ValueError(f"line {lines[i][1]!r} is not 'key: value'")
        key, rest = match.groups()
        if key in mapping:
            raise ValueError(f"duplicate key {key}")
        if rest:
            mapping[key], i = _scalar(rest), i + 1
        else:
            i += 1
            if i >= len(lines) or lines[i][0] <= indent:
                raise ValueError(f"key {key} has no value")
            mapping[key], i = _block(lines, i, lines[i][0])
    return mapping, i


def read_cff(text: str) -> dict[str, Any]:
    """Parse the YAML subset ``CITATION.cff`` is written in."""
    lines = [
        (len(line) - len(line.lstrip(" ")), line.strip())
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if any("\t" in line for _, line in lines):
        raise ValueError("tabs are not allowed")
    value, end = _block(lines, 0, 0)
    if end != len(lines):
        raise ValueError(f"unexpected indentation at {lines[end][1]!r}")
    return value


@pytest.fixture(scope="module")
def cff() -> dict[str, Any]:
    return read_cff(CFF.read_text(encoding="utf-8"))


def test_reader_reads_the_subset() -> None:
    text = 'a: 1\nb: "x: y"\nc:\n  - p\n  - q: 2\n    r: s\nd:\n  e: f\n'
    assert read_cff(text) == {"a": 1, "b": "x: y", "c": ["p", {"q": 2, "r": "s"}], "d": {"e": "f"}}
    with pytest.raises(ValueError, match=r"outside the supported YAML subset: \[1, 2\]"):
        read_cff("a: [1, 2]\n")


def test_required_keys_and_values(cff: dict[str, Any]) -> None:
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "abstract"):
        assert isinstance(cff[key], str) and cff[key].strip(), key
    assert cff["authors"] == [{"name": "gantheory developers"}]
    assert cff["license"] == "MIT"
    assert cff["type"] == "software"
    assert isinstance(cff["keywords"], list) and all(isinstance(k, str) for k in cff["keywords"])


def test_version_is_the_package_version(cff: dict[str, Any]) -> None:
    assert str(cff["version"]) == gantheory.__version__


def test_references_are_complete(cff: dict[str, Any]) -> None:
    refs = cff["references"]
    for ref in refs:
        assert {"type", "title", "authors", "year", "url"} <= set(ref), ref.get("title")
        assert isinstance(ref["year"], int)
        for author in ref["authors"]:
            assert {"family-names", "given-names"} <= set(author) or "name" in author, author
    arxiv = {m.group(1) for ref in refs if (m := re.fullmatch(r"https://arxiv\.org/abs/(\d{4}\.\d{4,5})", ref["url"]))}
    assert arxiv == EXPECTED_ARXIV
    assert len(refs) == len(EXPECTED_ARXIV)


@pytest.mark.skipif(importlib.util.find_spec("yaml") is None, reason="PyYAML is not installed")
def test_pyyaml_reads_the_same(cff: dict[str, Any]) -> None:
    import yaml

    assert yaml.safe_load(CFF.read_text(encoding="utf-8")) == cff
