"""Shared fixtures: one model and one knowledge base for the whole session."""

from __future__ import annotations

import os
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

# Property tests: 2,000 examples in CI (where CI is set), fewer locally; HYPOTHESIS_PROFILE chooses.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

# derandomize: CI reruns the same 2,000 examples, so that it is red only when the code changed.
_hypothesis_settings.register_profile("ci", max_examples=2000, deadline=None, print_blob=True, derandomize=True)
_hypothesis_settings.register_profile("dev", max_examples=150, deadline=None)
_hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
