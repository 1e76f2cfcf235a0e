"""What the parts of a news article about the draw it announces state of it.

An article counts only if its headline announces a draw of Express Entry, not a forecast
nor a province's own draw (:mod:`jobs.news.announcement`). Precision before recall: a figure
is taken only from the title, the headline, the opening paragraphs and key-facts lists
("Here are the details:"), and only from sentences about the draw the article announces
(:mod:`jobs.news.article.topic`); the next paragraphs give only a figure the opening leaves
unstated, from a sentence naming the draw. A later paragraph's figure that differs from the
lead's is a rival only where its sentence names the draw. What one line states is read by
:mod:`jobs.news.lines`.
"""

import datetime as dt
from collections.abc import Iterator, Sequence

from core.categories import GENERAL
from core.reports import LATEST
from jobs.news.announcement import SEVERAL_DRAWS, announces_draw, headline
from jobs.news.article.topic import (
    AnnouncedDraw,
    back_on_topic,
    names_the_draw,
    off_topic,
    on_topic_start,
    says_this_draw,
    sentences,
    without_previous_figure,
)
from jobs.news.article.units import (
    Layout,
    first_paragraph,
    is_key_facts,
    is_short,
    key_facts_findings,
    program_above,
    prose_of,
)
from jobs.news.categories import categories_in
from jobs.news.cutoffs import with_its_subject
from jobs.news.lines import Finding, line_findings, states_a_figure
from jobs.news.when import called_the_latest, placed

FURTHER_PARAGRAPHS = 4  # and after them, for a figure the opening leaves unstated
SPEAKS_OF_ITS_OWN = 6  # words before a turn that make a clause about the announced draw
CATEGORY_ROUNDS_BEGAN = dt.date(2023, 6, 28)  # before, a round naming no program was for all
# The first official round of each program (IRCC's rounds): a program named for a draw held
# before it is whom the invited had to be ("a job offer or a provincial nomination" in
# 2015), not the draw's category. Category-based rounds began on CATEGORY_ROUNDS_BEGAN.
FIRST_PROGRAM_ROUNDS = {
    "cec": dt.date(2015, 2, 20), "pnp": dt.date(2016, 11, 30), "fst": dt.date(2017, 5, 26),
    "fsw": dt.date(2023, 2, 2), GENERAL: dt.date(2015, 1, 31),
}  # fmt: skip
# The first round for trade occupations; the last for the Federal Skilled Trades Program was
# in August 2020: a "Federal Skilled Trades" draw held since is the trade occupations' one.
TRADE_ROUNDS_BEGAN = dt.date(2023, 8, 3)


def draw_findings(
    title: str, layout: Layout, day: dt.date | None, not_after: dt.datetime | None
) -> list[Finding] | None:
    """What the title, key-facts lists and opening say of the draw the article announces;
    None if it announces none, or states neither its cut-off nor its size."""
    units, opening = layout.units, layout.opening
    lead = [sentence for unit in opening for line in unit for sentence in sentences(line)]
    first = headline(title, lead)
    if first is None or not _announces_draw(title, first, opening):
        return None
    context = AnnouncedDraw()
    # a headline from the body is read there
    findings = _of_one_draw(line_findings(title, day, not_after), title)
    context.learn(findings)
    for index, unit in enumerate(units):
        if is_key_facts(unit):
            program = program_above(units[index - 1]) if index else None
            findings += key_facts_findings(unit, context, day, not_after, program)
    lead_paragraph = first_paragraph(opening)
    for unit in opening:
        prose = prose_of(unit)
        if prose:
            first_one = prose[0] == lead_paragraph
            found = prose_findings(prose, context, day, not_after, lead=first_one)
            findings += (
                [finding for finding, _named in found] if first_one else _filling(findings, found)
            )
    findings += _further(units[len(opening) :], findings, context, day, not_after)
    if not any(field in ("crs", "invitations") for field, _ in findings):
        return None
    if not any(field == "date" for field, _ in findings):
        findings += _placed_date(first, opening, context, day, not_after)
    findings = as_held(findings, day)
    return findings + _all_programs(findings, first, opening, context, day)


def as_held(findings: Sequence[Finding], day: dt.date | None) -> list[Finding]:
    """The findings with each category as its program's name meant it when the draw was
    held (its date, else the article's day); a program whose rounds had not begun is whom
    the invited had to be, not the draw's category."""
    held = next((value for field, value in findings if field == "date"), day)
    return [
        (field, _named_then(value, held) if field == "category" else value)
        for field, value in findings
        if field != "category" or _held_then(str(value), held)
    ]


def _of_one_draw(findings: Sequence[Finding], sentence: str) -> list[Finding]:
    """The findings but a count the sentence gives of several draws ("5,000 candidates
    invited in two back to back draws"): their total, not the announced draw's."""
    several = SEVERAL_DRAWS.search(sentence)
    return [(field, value) for field, value in findings if not several or field != "invitations"]


def _announces_draw(title: str, first: str, opening: Sequence[list[str]]) -> bool:
    lead = " ".join(line for unit in opening for line in unit)
    paragraph = first_paragraph(opening)
    return announces_draw(title, first, sentences(paragraph)[0], lead)


def _named_then(category: object, held: object) -> object:
    """The category a program's name meant when the draw was held."""
    trades_now = isinstance(held, dt.date) and held >= TRADE_ROUNDS_BEGAN
    return "trade" if category == "fst" and trades_now else category


def _held_then(category: str, held: object) -> bool:
    """Whether rounds of a category were held by then (unknown: assumed so)."""
    first = FIRST_PROGRAM_ROUNDS.get(category, CATEGORY_ROUNDS_BEGAN)
    return not isinstance(held, dt.date) or held >= first


def _filling(stated: Sequence[Finding], later: Sequence[tuple[Finding, bool]]) -> list[Finding]:
    """What a paragraph after the lead adds to what the headline, the key facts and the lead
    state: the figures they leave unstated, and a differing figure only from a sentence that
    names the announced draw (its category, number or date, or "this draw"). A differing
    figure in a sentence that does not is of another draw, a total or a recap, not a rival:
    the lead is where an article states its draw."""
    known: dict[str, set[object]] = {}
    for field, value in stated:
        known.setdefault(field, set()).add(value)
    return [
        (field, value)
        for (field, value), named in later
        if field not in known or value in known[field] or named
    ]


def _further(
    units: Sequence[list[str]],
    findings: Sequence[Finding],
    context: AnnouncedDraw,
    day: dt.date | None,
    not_after: dt.datetime | None,
) -> list[Finding]:
    """The cut-off or the size the opening leaves unstated (it states the other), from the
    next few paragraphs, before each turns to another draw, and only when they give one
    value for it. A size only from a sentence that says whose figure it gives (the announced
    draw's number or date, "this draw"): a later paragraph's count is often a total ("this
    single draw alone was pegged at 27,332", said of another round)."""
    missing = {"crs", "invitations"} - {field for field, _ in findings}
    if len(missing) != 1:
        return []
    values, paragraphs = set(), 0
    for unit in units:
        if paragraphs >= FURTHER_PARAGRAPHS:
            break
        if not is_key_facts(unit):
            paragraphs += not is_short(unit[0])
            said = _said_of_it(unit, context, day, not_after, named=missing == {"invitations"})
            values |= {value for field, value in said if field in missing}
    return [(missing.pop(), values.pop())] if len(values) == 1 else []


def _said_of_it(
    unit: Sequence[str],
    context: AnnouncedDraw,
    day: dt.date | None,
    not_after: dt.datetime | None,
    *,
    named: bool,
) -> Iterator[Finding]:
    """What a paragraph's sentences state of the announced draw (``named``: only those naming
    it by its number, its date or "this draw"), up to the clause where the paragraph turns to
    another draw."""
    for sentence in (sentence for line in unit for sentence in sentences(line)):
        turned = off_topic(sentence, context, day)
        if turned:
            sentence = on_topic_start(sentence, context, day)
        if sentence and (not named or names_the_draw(sentence, context, day, by_category=False)):
            yield from line_findings(sentence, day, not_after)
        if turned:
            return


def _placed_date(
    first: str,
    opening: Sequence[list[str]],
    context: AnnouncedDraw,
    day: dt.date | None,
    not_after: dt.datetime | None,
) -> list[Finding]:
    """The draw's date from "today", "yesterday" or a weekday in the headline and the first
    paragraph's sentences about the draw, with how it was placed; none if it cannot be, but
    that they call it "the latest draw" if they do."""
    about = []
    for sentence in sentences(first_paragraph(opening)):
        if off_topic(sentence, context, day):
            break
        about.append(sentence)
    found = placed([first, *about], not_after)
    if found is not None:
        return [("date", found[0]), ("date_basis", found[1])]
    return [("date_basis", LATEST)] if called_the_latest([first, *about]) else []


def _all_programs(
    findings: Sequence[Finding],
    first: str,
    opening: Sequence[list[str]],
    context: AnnouncedDraw,
    day: dt.date | None,
) -> list[Finding]:
    """An article that names no category for a draw held before category-based rounds began,
    and names no program in its headline and the first paragraph's sentences about the draw
    (not "The previous draw on May 24 was for FST candidates only"), announces an
    all-program draw (articles then wrote "the latest draw" for one); otherwise nothing is
    assumed."""
    if any(field == "category" for field, _ in findings):
        return []
    held = next((value for field, value in findings if field == "date"), day)
    lead = sentences(first_paragraph(opening))
    about = [sentence for sentence in lead if not off_topic(sentence, context, day)]
    named = {
        category
        for category in categories_in(" ".join([first, *about])) - {GENERAL}
        if _held_then(category, held)
    }
    before = isinstance(held, dt.date) and held < CATEGORY_ROUNDS_BEGAN
    return [("category", GENERAL)] if before and not named else []


def _sets_the_scene(sentence: str, day: dt.date | None, lead: bool, index: int) -> bool:
    """Whether a sentence is the lead's first and states no figure: it sets the scene."""
    return lead and index == 0 and not states_a_figure(sentence, day)


def prose_findings(
    unit: Sequence[str],
    context: AnnouncedDraw,
    day: dt.date | None,
    not_after: dt.datetime | None,
    *,
    lead: bool = True,
) -> list[tuple[Finding, bool]]:
    """Findings of a paragraph's sentences, each with whether its sentence names the
    announced draw; once one speaks of another draw before it states anything of the
    announced one, the next ones count only if they name the announced draw again (its
    category, number or date; or "this draw", when the sentence that turned spoke of this
    draw). A count given of several draws is none of them, and the previous draw's figure a
    change is from ("from a previous 466 to just 428") is set aside."""
    findings: list[tuple[Finding, bool]] = []
    drifted = False
    elsewhere = False  # the paragraph turned to another draw, not from this one
    previous = ""
    for index, sentence in enumerate(sentence for line in unit for sentence in sentences(line)):
        sentence, previous = with_its_subject(sentence, previous), sentence
        sentence = without_previous_figure(sentence)
        original = sentence
        turned = not drifted and off_topic(sentence, context, day)
        if turned:
            sentence = on_topic_start(sentence, context, day)
        elif drifted and not back_on_topic(sentence, context, day, this_draw=not elsewhere):
            continue
        found = line_findings(sentence, day, not_after) if sentence else []
        found = _of_one_draw(found, original)
        # a sentence that turns at once to another draw ("Furthermore, on July 4, ...")
        # carries the paragraph with it; one that first speaks of the announced draw (its
        # figures, or a clause of its own), or that only speculates, does not; nor does the
        # lead's first when it states no figure: it sets the scene ("It's been over a year
        # since the last all-program draw. On December 22, Canada invited 746 ...")
        another = turned and off_topic(original, context, day, speculation=False)
        at_once = not found and len(sentence.split()) < SPEAKS_OF_ITS_OWN
        if another and at_once and not drifted and not _sets_the_scene(original, day, lead, index):
            # "this draw" still means the announced one after a sentence about it ("This draw
            # comes a day before the expected healthcare draw"); after one about another
            # draw, it means that one ("On August 1st, IRCC resumed all-program draws ... The
            # minimum CRS score for this round was 517"; "Another recent draw ...")
            drifted, elsewhere = True, not says_this_draw(original)
        context.learn(found)
        named = not lead and sentence and names_the_draw(sentence, context, day)
        findings += [(finding, bool(named)) for finding in found]
    return findings
