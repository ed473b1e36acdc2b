"""Which language an article is in, told before parsing, so that an article in another
language is skipped with its language named instead of coded into nonsense.

Two cheap signals, from ``data/languages.yaml``: the share of letters in a script that
names its language (Chinese, Korean, Thai...), and, for alphabetic text, the share of
running words that are one language's commonest function words. A text is English
unless another language's words clearly outnumber English ones; texts too short to
judge are taken as English.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from .settings import PACKAGE_DATA

SAMPLE_CHARS = 5000
MIN_WORDS = 25  # fewer running words than this: too short to judge
SCRIPT_SHARE = 0.3  # of letters, for a script to name the language
WORD_SHARE = 0.12  # of running words, for a language's function words to name it
LEAD_OVER_ENGLISH = 2.0  # and that many times the English function words
MIN_DISTINCT = 6  # different function words: a price table repeating "over" is no Dutch
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _profiles() -> tuple[dict[str, frozenset[str]], dict[str, list[tuple[int, int]]]]:
    data = yaml.safe_load((PACKAGE_DATA / "languages.yaml").read_text(encoding="utf-8"))
    words = {name: frozenset(str(w).lower() for w in listed) for name, listed in data["words"].items()}
    scripts = {name: [(int(lo), int(hi)) for lo, hi in ranges] for name, ranges in data["scripts"].items()}
    return words, scripts


def other_language(text: str) -> str | None:
    """The name of the language the text is written in when that is not English, else None."""
    sample = text[:SAMPLE_CHARS]
    words, scripts = _profiles()
    letters = [ord(c) for c in sample if c.isalpha()]
    if letters:
        for name, ranges in scripts.items():
            inside = sum(1 for c in letters if any(lo <= c <= hi for lo, hi in ranges))
            if inside > SCRIPT_SHARE * len(letters):
                return name
    running = [w.lower() for w in WORD.findall(sample)]
    if len(running) < MIN_WORDS:
        return None
    hits = {name: sum(1 for w in running if w in listed) for name, listed in words.items()}
    english = hits.pop("English", 0)
    best = max(hits, key=hits.__getitem__)
    distinct = len({w for w in running if w in words[best]})
    if (hits[best] >= WORD_SHARE * len(running) and hits[best] >= LEAD_OVER_ENGLISH * max(english, 1)
            and distinct >= MIN_DISTINCT):
        return best
    return None
