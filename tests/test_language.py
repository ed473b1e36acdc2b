"""Articles in other languages are named and skipped, English ones are coded; texts
written for this test."""

import pytest

from eventwire.api import code_articles
from eventwire.language import other_language
from eventwire.records import Article

OTHERS = {
    "French": "Le président de la République a reçu mardi les représentants des syndicats à l'Élysée pour discuter de "
              "la réforme des retraites. Les discussions ont duré plus de trois heures, mais aucun accord n'a été "
              "trouvé, selon les participants qui ont quitté le palais sans faire de déclaration.",
    "German": "Der Bundeskanzler hat am Dienstag in Berlin mit dem französischen Präsidenten über die Lage in der Ukraine "
              "gesprochen. Beide Politiker waren sich einig, dass die Unterstützung für das Land fortgesetzt werden muss, "
              "wie ein Regierungssprecher nach dem Treffen mitteilte.",
    "Spanish": "El presidente del Gobierno se reunió el martes en Madrid con los líderes de la oposición para hablar de la "
               "crisis económica. Según fuentes oficiales, la reunión duró más de dos horas y no se alcanzó ningún "
               "acuerdo sobre el presupuesto del próximo año.",
    "Russian": "Президент России провёл во вторник встречу с министром иностранных дел, на которой обсуждались отношения "
               "с соседними странами. По словам представителя Кремля, стороны также затронули вопросы экономического "
               "сотрудничества и безопасности в регионе.",
    "Chinese": "中国外交部发言人星期二在北京表示，中方愿意与各方一道，推动地区局势缓和，并呼吁有关国家保持克制，通过对话协商解决分歧。",
}
ENGLISH = [
    "The president of France met union leaders at the Elysee on Tuesday to discuss the pension reform. The talks "
    "lasted more than three hours, but no agreement was reached, according to participants who left without comment.",
    # English with a French quotation and many names.
    "French President Emmanuel Macron told reporters in Paris: \"Nous ne céderons pas.\" He said the government would "
    "not give in to the unions, and that the reform of the pension system was needed for the country's finances.",
    # A price table: few function words of any language.
    "MONTHS LAST DIFFERENCE Jul/May 3-1/4 over 3-1/2 over Sep/Jul 1-1/2 over 1-3/4 over Dec/Sep even even over",
    "Talks began.",
]


@pytest.mark.parametrize("language", list(OTHERS))
def test_other_languages_are_named(language):
    assert other_language(OTHERS[language]) == language


@pytest.mark.parametrize("text", ENGLISH)
def test_english_is_english(text):
    assert other_language(text) is None


def test_an_article_in_another_language_is_skipped_with_its_language_named():
    items = [Article("fr", OTHERS["French"]), Article("en", "Germany sent troops to Lithuania on Monday.")]
    skipped, coded = code_articles(items)
    assert skipped.errors == ["[E029] fr: written in French, not English; skipped. eventwire codes English news."]
    assert not skipped.events and not coded.errors and coded.events
