"""Articles in French, read with the same rules as English ones.

A French article is turned into the English the reader knows, phrase by phrase: its draw
words ("tirage", "ronde d'invitations", "IPD"), its figures ("note minimale du SCG", "seuil",
"5 000", "380e"), its dates ("le mercredi 7 août 2026"), its category names ("maîtrise du
français", "soins de santé", "STIM", "métiers") and the words by which it speaks of other
draws ("précédent", "la veille", "prévoient"). What is not in the table stays French and is
ignored, as English words the reader has no rule for are. Nothing is guessed: a phrase the
table does not know reads as nothing.
"""

import calendar
import enum
import re
from collections.abc import Callable

LANGUAGE_WORDS = 300  # words of the title and opening that decide the language
LANGUAGE_SHARE = 0.05  # of those words, this share must be common words of the language


class Language(enum.Enum):
    """The language an article is written in, as far as reading it goes."""

    ENGLISH = "en"
    FRENCH = "fr"
    OTHER = "other"  # not read


# the words of each language most articles use, and the words of a draw no other uses: a
# post of labelled figures alone ("Draw: #300", "ITAs issued: 1,800") is English
_COMMON_WORDS = {
    Language.ENGLISH: frozenset(
        {"the", "of", "and", "to", "in", "with", "for", "was", "were", "is", "this", "candidates"}
        | {"draw", "draws", "issued", "invited", "round", "rounds"}
    ),
    Language.FRENCH: frozenset(
        {"le", "la", "les", "de", "des", "du", "et", "à", "pour", "une", "un", "candidats", "été"}
        | {"tirage", "tirages", "émises", "invités", "ronde", "rondes"}
    ),
}
_WORD = re.compile(r"[^\W\d_]+")

_MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
_WEEKDAYS_FR = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_DATE_FR = re.compile(
    rf"\b(?P<on>[Ll]e\s+)?(?:(?:{_WEEKDAYS_FR})\s+)?(?P<day>\d{{1,2}})(?:er)?\s+"
    rf"(?P<month>{'|'.join(_MONTHS_FR)})\b(?:\s+(?P<year>\d{{4}}))?",
    re.IGNORECASE,
)
# a month named alone, once the dates with a day are English: "depuis juin" -> "since June"
_MONTH_ALONE_FR = re.compile(
    rf"\b(?P<word>en|depuis|début|fin|mi-|à)\s*(?P<month>{'|'.join(_MONTHS_FR)})\b"
    r"(?:\s+(?P<last>dernier))?",
    re.IGNORECASE,
)
_MONTH_WORDS = {
    "en": "in ",
    "à": "in ",
    "depuis": "since ",
    "début": "early ",
    "fin": "late ",
    "mi-": "mid-",
}
_THOUSANDS = re.compile(r"\b\d{1,3}(?:[ \u00a0\u202f]\d{3})+\b")  # "5 000", "27 332"
_ORDINAL = re.compile(r"\b(\d{1,3})(?:e|ème|eme)\b")  # "380e tirage"
_APOSTROPHE = "['\u2019]"

# (French, English), in order: longer phrases before the words they contain.
_PHRASES: tuple[tuple[str, str], ...] = (
    # categories and programs
    (r"professions? (?:des|de la|en) soins de santé et (?:des|de) services sociaux",
     "healthcare and social services occupations"),
    (r"soins de santé|professions de la santé", "healthcare"),
    (r"(?:une |la )?(?:(?:bonne|forte) )?(?:maîtrise|connaissance) (?:du français|de la langue "
     r"française)|langue française"
     r"|compétences? linguistiques? en français|francophones?",
     "French-language proficiency"),
    (r"sciences, technologies?, ingénierie et mathématiques|\bSTIM\b", "STEM"),
    (rf"\b(tirages?|rondes?)((?: d{_APOSTROPHE}| )(?:Entrée|Express) (?:express|Entry))?"
     r" en français", r"\1\2 for French-language proficiency"),
    (r"(?:programme|catégorie) des travailleurs de métiers spécialisés \(fédéral\)"
     r"|métiers spécialisés \(fédéral\)", "Federal Skilled Trades"),
    (r"(?:programme|catégorie) des travailleurs qualifiés \(fédéral\)", "Federal Skilled Worker"),
    (r"métiers", "trade occupations"),
    (r"programmes? des candidats des provinces|candidats des provinces|\bPCP\b"
     r"|nominations? provinciales?|candidats? (?:nommés|désignés) par une province",
     "Provincial Nominee Program"),
    (rf"(?:catégorie|classe) de l{_APOSTROPHE}expérience canadienne", "Canadian Experience Class"),
    # "des candidats de l'expérience canadienne", but not "ayant de l'expérience canadienne"
    (rf"(?<=candidats )de l{_APOSTROPHE}expérience canadienne", "of the Canadian Experience Class"),
    (rf"agriculture et (?:de l{_APOSTROPHE})?agroalimentaire", "agriculture and agri-food"),
    (r"médecins", "physicians"),
    (r"cadres supérieurs", "senior managers"),
    (r"tous les programmes", "all programs"),
    (rf"aucun programme n{_APOSTROPHE}(?:était|a été|est) (?:spécifié|précisé)",
     "no program specified"),
    # the draw and its figures
    (r"Entrée express", "Express Entry"),
    (r"invitations? à présenter une demande(?: de résidence permanente)?(?:\s*\(IPD\))?",
     "invitations to apply"),
    (r"\bIPD\b", "ITAs"),
    (r"\b(?:deux|2)(?= (?:nouveaux |nouvelles )?(?:tirages|rondes)\b)", "two"),
    (r"\btrois(?= (?:nouveaux |nouvelles )?(?:tirages|rondes)\b)", "three"),
    (r"\bquatre(?= (?:nouveaux |nouvelles )?(?:tirages|rondes)\b)", "four"),
    (rf"rondes d{_APOSTROPHE}invitations?", "rounds of invitations"),
    (rf"ronde d{_APOSTROPHE}invitations?", "round of invitations"),
    (r"\brondes\b", "rounds"),
    (r"\bronde\b", "round"),
    (r"\btirages\b", "draws"),
    (r"\btirage\b", "draw"),
    (r"note minimale (?:du|au) (?:SCG|Système de classement global)", "minimum CRS score"),
    (r"note minimale", "minimum score"),
    (r"Système de classement global|\bSCG\b", "CRS"),
    (r"seuil(?: de sélection)?", "cut-off"),
    (r"\bnote\b", "score"),
    (r"\bcandidats\b", "candidates"),
    (r"\bcandidat\b", "candidate"),
    (r"\ba invité\b|\bont été invités\b", "invited"),
    (rf"\ba permis d{_APOSTROPHE}inviter\b", "invited"),
    (r"\binvitant\b", "inviting"),
    (r"\ba envoyé\b", "sent"),
    # a key-facts post's labels: "Invitations émises : 1 800", "Catégorie : métiers",
    # "Tirage nº 300", "Nombre d'invitations envoyées : 228", "Date de bris d'égalité : ..."
    (r"\bémise?s?\b", "issued"),
    (r"\benvoyée?s?\b", "sent"),
    (rf"\bnombre d{_APOSTROPHE}", "number of "),
    (r"\bdétails clés\b", "key details"),
    (rf"\b(?:date (?:de|du) )?bris d{_APOSTROPHE}égalité\b", "tie-breaking rule"),
    (r"\bcatégorie\b", "category"),
    (r"\bn[o°º]\.?\s*(?=\d)", "No. "),
    # the day the draw was made public: "le tirage du 14 novembre, annoncé le 17 novembre",
    # "ce tirage, rendu public le 18 novembre"
    (r"\bannoncée?s?\b", "announced"),
    (r"\brendue?s? publi(?:c|que)s?\b", "made public"),
    (r"\ba (?:tenu|procédé à)\b|\btenue?s?\b", "held"),
    (r"\bd['\u2019]au moins\b", "of at least"),
    (r"\bau moins\b", "at least"),
    (r"\bdans l[ea]\b", "in the"),
    (r"\bpoints de moins que\b", "points less than"),
    (r"\bpoints de plus que\b", "points more than"),
    (rf"\bdepuis le début de l{_APOSTROPHE}année\b", "so far this year"),
    (r"\bdepuis\b", "since"),
    (r"règle de départage", "tie-breaking rule"),
    # hedges, other draws, forecasts, examples
    (r"\benviron\b", "about"),
    (r"\b(?:tourne |oscille )?autour de\b", "around"),
    (r"\bplus de\b", "more than"),
    (r"\bprès de\b", "nearly"),
    (rf"\bjusqu{_APOSTROPHE}à\b", "up to"),
    (r"\bsans précédent\b", "unprecedented"),
    (r"\bprécédente?s?\b", "previous"),
    (r"\bla veille\b", "the day before"),
    (r"\baprès (?:celle|celui|le tirage|la ronde)\b", "following the draw"),
    (r"\bavant\b", "before"),
    (r"\bà (?=\d)", "at "),  # "fixé le seuil à 462"
    (r"\baprès\b", "after"),
    (r"\bprochaine?s?\b", "next"),
    (r"\b(?:(?:la|de la) )?semaine dernière\b", "last week"),
    (r"\b(?:(?:le|du|au) )?mois dernier\b", "last month"),
    (rf"\b(?:(?:de )?l{_APOSTROPHE})?(?:an|année) derni(?:er|ère)\b", "last year"),
    (r"\bderni(?:er|ère)s?\b", "latest"),
    (r"\bprévoi\w*|\bprévisions?\b", "forecast"),
    # a target: "sur la bonne voie pour accueillir 55 900 immigrants", "d'admettre 110 000"
    (rf"\b(?:pour|à|d{_APOSTROPHE})\s*accueillir\b", "to welcome"),
    (rf"\b(?:pour|à|d{_APOSTROPHE})\s*admettre\b", "to admit"),
    (r"\bobjectif (?:annuel )?de\b", "target of"),
    (r"\bpourr\w*", "could"),
    (rf"\bs{_APOSTROPHE}attendre\b", "expect"),
    (r"\bpar exemple\b", "for example"),
    (r"\bsi\b", "if"),
    (r"\bentre\b", "between"),
    (r"\bbassin\b", "pool"),
    (r"\bcette année\b", "this year"),
    (rf"\bjusqu{_APOSTROPHE}(?:ici|à présent)\b", "so far"),
)  # fmt: skip
_TRANSLATIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(french, re.IGNORECASE), english) for french, english in _PHRASES
)


def language_of(text: str) -> Language:
    """English or French by their most common words; anything else is not read."""
    words = _WORD.findall(text.lower())[:LANGUAGE_WORDS]
    needed = max(1, LANGUAGE_SHARE * len(words))
    counts = {
        language: sum(word in common for word in words)
        for language, common in _COMMON_WORDS.items()
    }
    language = max(counts, key=counts.__getitem__)
    return language if counts[language] >= needed else Language.OTHER


def to_english(text: str) -> str:
    """A French line in the English the reader knows: figures, dates, then phrases."""
    text = _THOUSANDS.sub(lambda match: re.sub(r"\s", ",", match.group(0)), text)
    text = _DATE_FR.sub(_english_date, text)
    text = _MONTH_ALONE_FR.sub(_english_month, text)
    text = _ORDINAL.sub(r"\1th", text)
    for pattern, english in _TRANSLATIONS:
        text = pattern.sub(_keeping_case(english), text)
    return text


def _english_date(match: re.Match[str]) -> str:
    """ "le mercredi 7 août 2026" -> "on August 7, 2026"; "7 août" -> "August 7"."""
    month = calendar.month_name[_MONTHS_FR.index(match["month"].lower()) + 1]
    on = {"": "", "l": "on ", "L": "On "}[(match["on"] or "")[:1]]
    year = f", {match['year']}" if match["year"] else ""
    return f"{on}{month} {int(match['day'])}{year}"


def _english_month(match: re.Match[str]) -> str:
    """ "depuis juin" -> "since June"; "en juin dernier" -> "in last June"."""
    month = calendar.month_name[_MONTHS_FR.index(match["month"].lower()) + 1]
    word = _MONTH_WORDS[match["word"].lower()]
    word = word.capitalize() if match["word"][0].isupper() else word
    return f"{word}{'last ' if match['last'] else ''}{month}"


def _keeping_case(english: str) -> Callable[[re.Match[str]], str]:
    """The English phrase, capitalized where the French one was (a sentence's first word)."""

    def replace(match: re.Match[str]) -> str:
        first, text = match.group(0)[:1], match.expand(english)
        return text[:1].upper() + text[1:] if first.isupper() else text

    return replace
