"""Which categories of rounds a text names, as news articles write them.

Official names ("Healthcare and Social Services Occupations, 2026-Version 3"), their short
forms ("STEM", "CEC") and the words articles use instead ("healthcare workers", "candidates
proficient in French", "experience in one of the approved trade occupations", "a provincial
nomination"). Articles that say the round was for all programs ("all-program", "no program
specified", "regardless of the program") name the ``general`` category.
"""

import re

from core.categories import GENERAL, KNOWN_KEYS, category_key, resolve

# Category words in free text; abbreviations only in capitals ("STEM", not "stem from").
_CATEGORY_WORD = re.compile(
    r"\b(?:(?P<abbr>STEM|CEC|PNP|FSW|FST)P?"
    r"|(?i:canadian experience class|provincial nominee program(?:me)?"
    # the provinces' programs beside Express Entry are no draw's category: "the Express Entry
    # and Provincial Nominee Programs issuing nearly 5000 ITAs"
    r"|(?<!express entry and )provincial nominee program(?:me)?s"
    r"|federal skilled (?:workers?|trades(?:people)?)"
    r"|french[- ](?:language|speaking|proficiency|proficient|speakers?)|francophone|health ?care"
    r"|proficien(?:t|cy) in french|provincial nominees|(?:with|holding|hold|held|had|received"
    r"|receiving) (?:a |prior |previous )?provincial nominations?"
    r"|health (?:occupations|workers|professionals)|social services"
    r"|(?:skilled )?trades?(?:[- ]related)? (?:occupations?|professions)|skilled trades"
    r"|tradespeople|trades? workers"
    r"|transport(?:ation)?(?:[- ]related)? (?:occupations?|professions|sector)"
    r"|agriculture|agri-food"
    r"|education(?:[- ](?:related|focused))?"
    r" (?:occupations?|professions|professionals|sector|stream)"
    r"|teachers"
    r"|physicians|senior managers"
    # a category's own draw: "Canada's First Trade Express Entry Draw", "a transport round"
    # "the education category", "an education-specific draw"
    r"|(?:trades?|transport(?:ation)?|education)(?=(?:-specific)? (?:express entry )?"
    r"(?:draws?|rounds?|category)\b)))\b"
)
_NOMINATION = re.compile(r"provincial nomin", re.IGNORECASE)  # candidates holding one: PNP
_GENERAL_WORDS = re.compile(
    r"\b(?:all[- ]programs?|no program(?:me)? (?:was |is )?specified"
    r"|general (?:express entry )?(?:draws?|rounds?)"
    r"|without any category|regardless of (?:the |their )?(?:immigration )?program(?:me)?s?"
    r"|not program[- ]specific|non[- ]program[- ]specific|all three (?:federal )?programs"
    # "a non-category-based draw", "no specific program was mentioned", "an all-encompassing
    # Express Entry draw"
    r"|non[- ]category[- ]based|no specific programs?"
    r"|all[- ](?:encompassing|inclusive) (?:express entry )?(?:draw|round))\b",
    re.IGNORECASE,
)
_BASE_PROGRAMS = frozenset({"cec", "fsw", "fst"})  # two of them named together: all programs
_OCCUPATIONS = frozenset({"physicians", "teachers"})  # one occupation's word names a category
_NEXT_IN_A_LIST = re.compile(r",\s+[a-z-]+s\b")  # ", nurses", not ", the first such draw"


def categories_in(text: str) -> frozenset[str]:
    """Keys of the categories a text names; FSW, CEC and FST named together mean all programs."""
    keys = {
        key
        for match in _CATEGORY_WORD.finditer(text)
        if not _listed_occupation(match, text)
        and (key := _known_key(match["abbr"] or match.group(0)))
    }
    if _GENERAL_WORDS.search(text) or len(keys & _BASE_PROGRAMS) >= 2:
        keys = (keys - _BASE_PROGRAMS - {"pnp"}) | {GENERAL}
    return frozenset(keys)


def _listed_occupation(match: re.Match[str], text: str) -> bool:
    """An occupation that names a category alone ("physicians") but stands in a list of
    others ("nurses, physicians, pharmacists"): the occupations a category covers."""
    if match.group(0).lower() not in _OCCUPATIONS:
        return False
    before, after = text[: match.start()], text[match.end() :]
    return before.endswith(", ") or _NEXT_IN_A_LIST.match(after) is not None


def _known_key(word: str) -> str | None:
    key = "pnp" if _NOMINATION.search(word) else resolve(word) or category_key(word)
    return key if key in KNOWN_KEYS else None
