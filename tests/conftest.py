"""Shared fixtures: one model and one knowledge base for the whole session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.api import code_doc
from eventwire.knowledge import load_knowledge
from eventwire.nlp import load_model
from eventwire.records import Article
from eventwire.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip saying why the test cannot run here."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared evaluation data is not next to this checkout")
    return path


@pytest.fixture(scope="session")
def nlp():
    return load_model()


@pytest.fixture(scope="session")
def kb():
    return load_knowledge(Settings())


@pytest.fixture(scope="session")
def code(nlp, kb):
    """Code a text as an article published on a Thursday (2017-09-07) unless told otherwise."""

    def run(text: str, published: date | None = date(2017, 9, 7), title: str = ""):
        article = Article("t", text, title, published)
        return code_doc(nlp(text), article, kb, Settings())

    return run
