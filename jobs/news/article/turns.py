"""The words that turn a sentence of a news article from the draw it announces: to another
draw ("previous", "the Oct. 23 draw", "had just held"), to several, to the pool, or to what
may be (a forecast, an example, the reader's own score). :mod:`.topic` decides with them
where a sentence stops speaking of the announced draw.
"""

import calendar
import re

_MONTH_NAMES = "|".join(calendar.month_name[1:] + calendar.month_abbr[1:])

# A sentence with one of these speaks of another draw, a forecast, an example or the pool.
#
# Words that turn a sentence to other draws, but may also describe the announced draw's own
# figure ("a record-low cut-off of 463", "the cut-off is currently 720")
_DESCRIBING_WORDS = r"currently|so far|this year|historic\w*|all-time|record[- ](?:low|high)\w*"
# A sentence with one of these speaks of another draw, or of the pool ...
_ANOTHER_DRAW = (
    r"previous|previously(?=,)|prior(?= (?:draws?|rounds?|to)\b)|preceding|earlier|day before"
    r"|last(?= (?:(?:[\w-]+ ){0,2}(?:draws?|rounds?|invitations)|week|month|year|time|\d+|two"
    r"|three|few|several)\b)|median|mean(?= (?:CRS|score|cut))"
    # the draws' average, not the invitees' own ("600 points added to their average score")
    r"|(?<!their )(?<!candidates' )(?<!candidates\u2019 )average"
    r"|before (?:that|this|then)|back then"
    r"|(?<!as )follow(?:s|ed|ing)?(?! (?:criteria|requirements|conditions|details))"
    r"|succeed(?:s|ed|ing)(?= (?:the|a|an|last|previous)\b)"  # a reworded "following the draw"
    # not "the next step toward permanent residency"; "moving steadily downward" is a trend
    r"|compared|next(?! (?:steps?|stage|phase|level|move|chapter)\b)|upcoming|between"
    r"|distribution|trend\w*|(?:moving|moved|going|headed|heading) (?:\w+ )?(?:downward|upward)"
    # "not much of a change from the Oct. 23 draw", "the lowest since the December 23 draw",
    # "since Canada's May 31, 2017 draw"
    # (the turn starts after "the": "17 points less than the previous draw" keeps its words)
    # ("the key details from the latest draw" are this draw's)
    r"|(?:(?<=from the )|(?<=than the )|(?<=since the )|(?<=since )(?=\w+['\u2019]s |"
    rf"(?:{_MONTH_NAMES})\.? \d))"
    r"(?!(?:latest|newest|most recent|recent|current)\b)(?:[\w.,'\u2019-]+ ){0,4}?"
    r"(?:draws?|rounds?)"
    # several draws: "a variety of draws were conducted", "all draws invited 16,110"
    r"|(?:various|several|many|multiple|different|all|a (?:variety|series|number) of)"
    r" (?:[\w-]+ ){0,2}(?:draws|rounds)"
    # "another round" is another draw's, but "held another round" or "the system saw
    # another round of invitations" announces this one
    r"|as of|year-to-date|(?<!held )(?<!holds )(?<!conducted )(?<!conducts )(?<!completed )"
    r"(?<!saw )(?<!sees )(?<!hosted )(?<!ran )(?<!carried out )another round"
    rf"|{_DESCRIBING_WORDS}"
    r"|(?:comes?|came|coming) (?:just |only )?(?:(?:a|one|two|three|four|five|six|\d+)"
    r" (?:days?|weeks?) )?after|each time|initially"
    r"|originally"
    # one of the draws the sentence before counts: "IRCC has held five draws so far. The
    # first was on January 10 and invited 1,510 candidates"
    r"|(?<=^the )(?:first|second|third|fourth|fifth|latter|former)"
    r"(?= (?:was|were|one|of (?:them|these|those))\b)"
    # ... or one the sentence recalls: "the second draw this year ..., with the first being
    # the PNP draw on Feb 1st"
    r"|(?<=with the )(?:first|second|third|fourth|fifth|latter|former|other)(?= being\b)"
    # a draw held before the one the article tells of: "IRCC had just held a draw last
    # Wednesday ..."
    r"|had (?:just |already |recently )?(?:held|conducted|issued|invited|sent)"
    # a figure the article says was corrected: "was incorrectly listed as 507 points"
    r"|incorrect\w*|erroneous\w*|mistaken\w*|wrongly|in error"
    r"|first (?:published|listed|reported|posted|announced)"
)
# ... or of what may be: a forecast, a hypothesis, an example, the reader's own score. A
# modal that only says how a figure strikes one ("511 may still appear high") is no forecast.
_NOT_PERCEIVED = r"(?!\s+(?:still\s+|well\s+|also\s+)?(?:seem|appear|look|sound|feel)\b)"
_SPECULATION = (
    rf"expect\w*|forecast\w*|predict\w*|(?:could|would|will|might){_NOT_PERCEIVED}|likely"
    r"|if(?![^.]*\b(?:were|was) (?:invited|asked|selected|issued)\b)|your|example\w*"
    r"|hypothetical|suppose"
)
OTHER_DRAW = re.compile(
    rf"\b(?:{_ANOTHER_DRAW}|{_SPECULATION})\b|(?-i:\bmay\b{_NOT_PERCEIVED})", re.IGNORECASE
)
DESCRIBING = re.compile(_DESCRIBING_WORDS, re.IGNORECASE)
TURNS_TO_ANOTHER_DRAW = re.compile(rf"\b(?:{_ANOTHER_DRAW})\b", re.IGNORECASE)
# A transition to the next item of the news ("Meanwhile, Ontario sent 1,200 invitations"),
# once the announced draw is known, in a sentence that does not name it again: it may lead to
# the draw itself ("Meanwhile, in Express Entry news, IRCC invited 3,000 CEC candidates")
NEXT_ITEM = re.compile(r"\b(?:meanwhile|elsewhere|in other news)\b", re.IGNORECASE)
