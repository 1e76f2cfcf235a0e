"""Which parts of a news article speak of the draw it announces, and what they state of it:
its paragraphs and key-facts lists (:mod:`.units`), which sentences are about the announced
draw (:mod:`.topic`, told by the words that turn a sentence to another: :mod:`.turns`), and
what they state of it (:mod:`.findings`); an article announcing several draws gives each
its own part (:mod:`.several`)."""

from jobs.news.article.findings import draw_findings
from jobs.news.article.several import several_draws
from jobs.news.article.topic import CLAUSE_END, sentences
from jobs.news.article.turns import OTHER_DRAW
from jobs.news.article.units import layout_of

__all__ = ["CLAUSE_END", "OTHER_DRAW", "draw_findings", "layout_of", "sentences", "several_draws"]
