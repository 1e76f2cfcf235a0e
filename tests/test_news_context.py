"""What a careful reader makes of the figures around a draw's own: totals, other draws,
averages, dates that bound a time, and a date placed by "today", "yesterday" or a weekday.

The articles are our own, each a pattern seen in real ones."""

from datetime import UTC, date, datetime

import pytest

from core.reports import Confidence, History, by_history
from jobs.news import extract
from jobs.news.announcement import without_site_name
from tests.feeds import paragraphs

# Published on Thursday 2024-05-30 at 23:30 UTC: 19:30 in Ottawa, still the 30th there.
THURSDAY_EVENING = datetime(2024, 5, 30, 23, 30, tzinfo=UTC)
# Published on Friday 2024-05-31 at 01:30 UTC: Thursday evening in Ottawa.
FRIDAY_UTC = datetime(2024, 5, 31, 1, 30, tzinfo=UTC)

# Before category-based rounds began, a draw naming no program was for all programs.
BEFORE_CATEGORIES = datetime(2019, 5, 30, 20, tzinfo=UTC)
CATEGORY_ROUNDS = datetime(2025, 5, 29, 20, tzinfo=UTC)  # since, the category must be named

Figures = tuple[str | None, int | None, int | None]  # category, invitations, cut-off


def read(title: str, body: str, published: datetime = BEFORE_CATEGORIES) -> Figures | None:
    report = extract(title, paragraphs(body), published).main
    if report is None or report.confidence is Confidence.LOW:
        return None
    return report.category, report.invitations, report.crs


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        pytest.param(
            "Express Entry: first invitations issued",
            "- Candidates have 60 days to apply.\n- More draws are expected this year.\n"
            "- All invited candidates held a job offer or a provincial nomination, the "
            "department said.\n- Future draws will select others as well, it added.\n"
            "The department kept its word: the first invitations were issued on the last day "
            "of January. 779 candidates, each of whom had 886 points or more under the "
            "Comprehensive Ranking System, received invitations to apply.",
            ("general", 779, 886),
            id="a list's items and 'the last day of January' do not end the opening",
        ),
        pytest.param(
            "Express Entry draw, 3,600 invitations",
            "An Express Entry draw was held on Tuesday, May 28, when 3,600 invitations were "
            "issued to applicants with 457 and above ranking scores.",
            ("general", 3600, 457),
            id="'and above ranking scores'",
        ),
        pytest.param(
            "CRS point requirement remains at 470 in latest draw",
            "The number of Comprehensive Ranking System (CRS) points required in order for "
            "candidates to be invited to apply for permanent residence has remained at 470. "
            "The latest draw was conducted on May 28, with 954 candidates receiving "
            "invitations.",
            ("general", 954, 470),
            id="points required ... remained at",
        ),
        pytest.param(
            "Canada invites every CEC candidate in a record draw",
            "Canada invited every eligible Canadian Experience Class candidate in a single "
            "draw held on May 28: IRCC issued 27,332 invitations.\n"
            "The CRS cutoff score for this draw was just 75\u2014the lowest ever. The average "
            "CRS score among invited candidates was 415.",
            ("cec", 27332, 75),
            id="a two-digit cut-off; the invitees' average is no cut-off",
        ),
        pytest.param(
            "Express Entry draw: 1,187 invites issued",
            "On May 28, IRCC distributed 1,187 invites to candidates in the Express Entry pool "
            "with 735 or more CRS points.",
            ("general", 1187, 735),
            id="'invites' counted",
        ),
        pytest.param(
            "Express Entry draw #167",
            "Canada held its latest Express Entry draw on May 28. A total of 5,000 invitations "
            "went to candidates with a minimum CRS score of 472.\n"
            "Most French-speaking candidates are eligible for more CRS points in this draw.",
            ("general", 5000, 472),
            id="a category's bonus points do not name the draw's category",
        ),
        pytest.param(
            "Canada invites 557 candidates",
            "Canada invited 557 Express Entry candidates to apply for permanent residence on "
            "May 28. They needed a score of at least 752. They also needed to have received a "
            "nomination from a Provincial Nominee Program.",
            ("pnp", 557, 752),
            id="what the invited needed names the category",
        ),
    ],
)
def test_figures_beside_the_draw_s_own_are_told_apart(
    title: str, body: str, expected: Figures
) -> None:
    assert read(title, body) == expected


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        pytest.param(
            "New PNP draw: 381 invited",
            "April 29, 2019 - Canada has conducted a new Express Entry draw, issuing 381 ITAs to "
            "Provincial Nominee Program candidates.\nThe April 28 draw featured a minimum CRS "
            "score of 717\u2014the lowest in any PNP draw so far, 36 points lower than the "
            "previous PNP draw. IRCC has now issued 55,771 ITAs through 14 draws this year, "
            "including eight PNP draws totalling 3,063 ITAs.",
            ("pnp", 381, 717),
            id="a dateline, an em dash, totals of several draws",
        ),
        pytest.param(
            "Canada breaks its invitation record",
            "The 3,900 invitations sent out on the 19th of December set a new Express Entry "
            "record. As a consequence, many more candidates will be able to apply. Another "
            "development was that the ITAs went to candidates who scored as low as 439.",
            ("general", 3900, 439),
            id="speculation does not carry the paragraph; 'scored as low as'",
        ),
        pytest.param(
            "Latest Express Entry draw issues 3,600 ITAs",
            "The largest Express Entry draw of the year has just been held, issuing 3,600 ITAs. "
            "The same draw also saw the minimum CRS score continue to drop for the 3rd "
            "consecutive draw to a low of 460.",
            ("general", 3600, 460),
            id="'to a low of'",
        ),
        pytest.param(
            "Canada invites 636 PNP candidates as minister offers date for next draw",
            "Canada invited 636 Express Entry candidates to apply on May 28. If candidates had "
            "a CRS score of at least 752, they were invited.",
            ("pnp", 636, 752),
            id="a title's announcing clause; 'If ... were invited' is no hypothesis",
        ),
    ],
)
def test_more_figures_told_apart(title: str, body: str, expected: Figures) -> None:
    assert read(title, body) == expected


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        pytest.param(
            "The 5th Express Entry draw of the year",
            "Immigration, Refugees and Citizenship Canada (IRCC) conducted its 5th Express "
            "Entry raffle of 2024. They sent out invitations to 699 Provincial Nominee "
            "Program candidates who had a minimum CRS score of 791.",
            ("pnp", 699, 791),
            id="the department's commas; a raffle",
        ),
        pytest.param(
            "Canada invites 4,000 CEC candidates",
            "IRCC issued 4,000 ITAs under the Canadian Experience Class on May 28.\n"
            "To qualify for this draw, candidates needed to meet the following criteria:\n"
            "- Minimum CRS score: 507\n- Profile submitted before: May 11, 2024",
            ("cec", 4000, 507),
            id="the following criteria",
        ),
        pytest.param(
            "PNP draw: 463 invited",
            "IRCC invited 463 Provincial Nominee Program candidates on May 28. Candidates "
            "required a minimum CRS score of 751, largely due to the 600-point bonus awarded "
            "for a provincial nomination.",
            ("pnp", 463, 751),
            id="a nomination's 600-point bonus",
        ),
        pytest.param(
            "Express Entry CEC draw",
            "Today at 9:22 AM, IRCC invited 4,626 number of applicants from the Canadian "
            "Experience Class with a minimum CRS score of 454. The draw broke the recent "
            "trend of 3,000 ITAs.",
            ("cec", 4626, 454),
            id="'number of applicants'; a trend",
        ),
        pytest.param(
            "Transport Occupation (2023-1): first-ever draw invites 1,000 profiles",
            "1. IRCC held its category-based draw on May 28.\n"
            "2. 1,000 Express Entry profiles with work experience in transport professions "
            "received invitations to apply.\n3. The qualifying CRS score stood at 435 points.",
            ("transport", 1000, 435),
            id="'transport professions', 'profiles'",
        ),
        pytest.param(
            "Trade draw: 1,250 ITAs",
            "Held on May 28, the trade occupations draw issued 1,250 ITAs with a minimum CRS "
            "score of 505. The cut-off was 72 points above the most recent education "
            "occupation draw, where 1,800 invitations were issued at a score of 433.",
            ("trade", 1250, 505),
            id="another category's draw in the same paragraph",
        ),
        pytest.param(
            "Express Entry trade occupations draw",
            "IRCC invited 1,800 trade occupations candidates on May 28 with a minimum CRS score "
            "of 436. Express Entry rounds this week have collectively issued 2,848 invitations.",
            ("trade", 1800, 436),
            id="'collectively'",
        ),
    ],
)
def test_reworded_and_loose_articles(title: str, body: str, expected: Figures) -> None:
    assert read(title, body, datetime(2024, 5, 29, tzinfo=UTC)) == expected


def test_a_french_profile_date_and_a_cut_off_set_at_a_number() -> None:
    body = (
        "Le 14 novembre, Immigration, Réfugiés et Citoyenneté Canada a émis 3 500 invitations "
        "dans le cadre de son tirage dédié aux professions de la santé. Ce tirage a fixé le "
        "seuil du Système de classement global (SCG) à 462. Les candidats devaient avoir créé "
        "leur profil avant le 6 octobre 2025."
    )
    report = extract("Entrée express : tirage santé", paragraphs(body),
                     datetime(2025, 11, 18, tzinfo=UTC)).main  # fmt: skip
    assert report is not None
    assert (report.category, report.invitations, report.crs, report.date) == (
        "healthcare", 3500, 462, date(2025, 11, 14),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "IRCC issued 6,500 ITAs to candidates proficient in French on May 28. A highlight "
            "of this draw was the drop in the Comprehensive Ranking System (CRS) cut-off "
            "score from 466 to 428.",
            ("french", 6500, 428),
            id="a change from the previous cut-off to this one's",
        ),
        pytest.param(
            "In the May 28 draw, IRCC issued invitations to another 4,750 French-speaking "
            "candidates as it did in the previous two draws. They scored a minimum of 491 CRS.",
            ("french", 4750, 491),
            id="'as it did in the previous draws' is a clause of its own",
        ),
    ],
)
def test_a_cut_off_s_change_and_a_comparison(body: str, expected: Figures) -> None:
    assert read("Express Entry French draw", body, datetime(2024, 5, 29, tzinfo=UTC)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "On May 1, IRCC invited 1,000 education professionals with a minimum CRS score of "
            "479. It means Canada has issued 45,115 invitations in 2025.",
            ("education", 1000, 479),
            id="a year's total; education professionals",
        ),
        pytest.param(
            "On May 1, IRCC invited 250 Federal Skilled Trades candidates with a minimum CRS "
            "score of 415. Over this two-day period, Canada has issued 4,150 ITAs.",
            ("trade", 250, 415),  # in 2025, the trade occupations' round
            id="a period's total",
        ),
    ],
)
def test_totals_of_a_year_or_a_period(body: str, expected: Figures) -> None:
    assert read("Express Entry draw", body, datetime(2025, 5, 2, tzinfo=UTC)) == expected


def test_a_later_paragraph_s_figure_is_a_rival_only_where_it_names_the_draw() -> None:
    lead = "IRCC invited 500 STEM candidates on May 28 with a minimum CRS score of 486."
    recap = "Canada invited 6,000 candidates with a CRS score of 485."
    named = "The STEM draw's cut-off was 485."
    published = datetime(2024, 5, 30, tzinfo=UTC)
    quiet = extract("STEM draw", paragraphs(f"{lead}\nMore news.\n{recap}"), published).main
    assert quiet is not None and (quiet.invitations, quiet.crs, quiet.contradictions) == (
        500, 486, (),
    )  # fmt: skip
    loud = extract("STEM draw", paragraphs(f"{lead}\nMore news.\n{named}"), published).main
    assert loud is not None and loud.contradictions == ("crs: 486 and 485",)


def test_an_ordinal_of_the_year_s_draws_is_no_round_number() -> None:
    body = "IRCC invited 4,750 CEC candidates on January 7, with a minimum CRS score of 461."
    report = extract("Canada invites 4,750 CEC candidates in 2nd Express Entry draw",
                     paragraphs(body), datetime(2021, 1, 8, tzinfo=UTC)).main  # fmt: skip
    assert report is not None and (report.number, report.crs) == (None, 461)


def test_unprecedented_in_french_is_no_previous_draw() -> None:
    body = (
        "Cette ronde d'invitations sans précédent d'Entrée express exigeait seulement que les "
        "candidats aient une note d'au moins 75 dans le Système de classement global. Le "
        "Canada a invité 27 332 candidats de la catégorie de l'expérience canadienne le 13 "
        "février."
    )
    report = extract("Entrée express : 27 332 invitations", paragraphs(body),
                     datetime(2021, 2, 14, tzinfo=UTC)).main  # fmt: skip
    assert report is not None and (report.category, report.invitations, report.crs) == (
        "cec", 27332, 75,
    )  # fmt: skip


def test_a_pause_is_no_draw() -> None:
    body = "The last draw, on May 28, invited 7,500 French-speaking candidates at 379 points."
    assert read("Why Express Entry draws have been on pause since May 28", body) is None


def test_an_article_without_a_title_is_headed_by_its_first_sentence() -> None:
    body = (
        "Canada invited 27,332 Express Entry CEC candidates on May 28, setting a record and "
        "surpassing the previous high of 5,000 ITAs. The cut-off was 75 points."
    )
    assert read("", body) == ("cec", 27332, 75)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It is the first CEC draw since May 14, 2024, with a cut-off of 522.", None),
        ("Candidates needed a profile created before 3:25 am UTC on May 3, 2024.", None),
        ("Since the election took place on May 10, 2024, seven draws were held.", None),
        ("The first draw of the year took place on January 31.", None),  # weeks before
        ("The draw took place on May 28.", date(2024, 5, 28)),
    ],
)
def test_a_date_that_bounds_a_time_or_is_weeks_old_is_not_the_draw_s(
    sentence: str, expected: date | None
) -> None:
    body = f"IRCC invited 2,500 CEC candidates with a minimum CRS score of 522. {sentence}"
    report = extract("Express Entry CEC draw", paragraphs(body), THURSDAY_EVENING).main
    assert report is not None and report.date == expected


@pytest.mark.parametrize(
    ("words", "published", "expected", "basis"),
    [
        ("today", THURSDAY_EVENING, date(2024, 5, 30), "today"),
        ("today", FRIDAY_UTC, date(2024, 5, 30), "today"),  # Thursday evening in Ottawa
        ("yesterday", THURSDAY_EVENING, date(2024, 5, 29), "yesterday"),
        ("on Wednesday", THURSDAY_EVENING, date(2024, 5, 29), "weekday"),
        ("on Thursday", THURSDAY_EVENING, date(2024, 5, 30), "weekday"),
        ("last Thursday", THURSDAY_EVENING, date(2024, 5, 23), "weekday"),
    ],
)
def test_a_draw_dated_by_today_yesterday_or_a_weekday_is_placed_by_its_publication(
    words: str, published: datetime, expected: date, basis: str
) -> None:
    body = f"IRCC held an Express Entry draw {words}, inviting 2,500 CEC candidates with a "
    body += "minimum CRS score of 522."
    report = extract("Express Entry CEC draw", paragraphs(body), published).main
    assert report is not None
    assert (report.date, report.date_basis) == (expected, basis)


def test_a_date_that_cannot_be_placed_stays_unknown() -> None:
    body = (
        "IRCC held an Express Entry draw this week, inviting 2,500 CEC candidates with a "
        "minimum CRS score of 522. The draw came today, after Tuesday's PNP draw."
    )
    report = extract("Express Entry CEC draw", paragraphs(body), THURSDAY_EVENING).main
    assert report is not None and (report.date, report.date_basis) == (None, None)


@pytest.mark.parametrize(
    ("lead", "basis"),
    [
        ("In the latest Express Entry draw, IRCC invited", "latest"),
        ("IRCC's most recent CEC round invited", "latest"),
        ("Here are the latest Express Entry draws: IRCC invited", None),
        ("IRCC invited", None),
    ],
)
def test_an_undated_draw_called_the_latest_is_said_to_be(lead: str, basis: str | None) -> None:
    """Undated, "the latest draw" tells that much: the newest of its kind when it came."""
    body = f"{lead} 2,500 CEC candidates with a minimum CRS score of 522."
    report = extract("Express Entry CEC draw", paragraphs(body), THURSDAY_EVENING).main
    assert report is not None and (report.date, report.date_basis) == (None, basis)


def test_an_undated_draw_called_the_latest_in_french_is_said_to_be() -> None:
    body = (
        "Le dernier tirage Entrée express vient d'avoir lieu : IRCC a invité 2 500 candidats "
        "de la catégorie de l'expérience canadienne, avec une note minimale du SCG de 522."
    )
    report = extract("Entrée express", paragraphs(body), THURSDAY_EVENING).main
    assert report is not None and (report.date, report.date_basis) == (None, "latest")


def test_a_stated_date_is_said_to_be_stated() -> None:
    body = "On May 28, IRCC invited 2,500 CEC candidates with a minimum CRS score of 522."
    report = extract("Express Entry CEC draw", paragraphs(body), THURSDAY_EVENING).main
    assert report is not None and (report.date, report.date_basis) == (date(2024, 5, 28), "stated")


def test_a_program_named_before_its_first_round_is_whom_the_invited_had_to_be() -> None:
    """In 2015 only candidates with a job offer or a provincial nomination were invited:
    those rounds were for all programs (IRCC's first PNP round came in November 2016)."""
    body = (
        "Citizenship and Immigration Canada has issued its 9th round of invitations. A total of "
        "1,361 invitations were issued to applicants with scores of 755 or higher, all of them "
        "holding a job offer or a provincial nomination."
    )
    report = extract("9th Express Entry draw", paragraphs(body), datetime(2015, 5, 22, tzinfo=UTC))
    assert report.main is not None
    assert (report.main.category, report.main.invitations, report.main.crs) == (
        "general",
        1361,
        755,
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "IRCC invited 3,900 candidates on May 29. The minimum CRS score in this round was "
            "471 a rise of one point over the previous draw held two weeks before.",
            ("general", 3900, 471),
            id="a turn with no comma before it ends the clause some words after the figure",
        ),
        pytest.param(
            "IRCC invited 3,900 candidates on May 29. With a record-low CRS score requirement "
            "of 463, this draw opens the door to many.",
            ("general", 3900, 463),
            id="a superlative said of the draw's own cut-off",
        ),
        pytest.param(
            "IRCC invited 3,900 candidates on May 29, with a cut-off of 471. The lowest of any "
            "draw so far is 450, set in the autumn of 2015.",
            ("general", 3900, 471),
            id="'the lowest of any draw so far' is another draw's",
        ),
        pytest.param(
            "IRCC invited 3,900 candidates on May 29, with a cut-off of 471. It was the third "
            "draw in a row with an increase of 500 invitations over the previous one.",
            ("general", 3900, 471),
            id="'an increase of 500 invitations' is a change, not a count",
        ),
        pytest.param(
            "On May 29, 3,900 candidates were invited. Applicants needed a CRS score not less "
            "than 471.",
            ("general", 3900, 471),
            id="'not less than' is a floor: the cut-off",
        ),
    ],
)
def test_turns_without_a_comma_and_words_said_of_the_draw_s_own_figure(
    body: str, expected: Figures
) -> None:
    assert read("Express Entry draw invites 3,900 candidates", body) == expected


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        pytest.param(
            "Express Entry: 3,350 invited",
            "Held on May 29, the latest all-program draw invited 3, 350 candidates to apply, with "
            "a minimum CRS score of 465.",
            ("general", 3350, 465),
            id="a space typed after a count's comma",
        ),
        pytest.param(
            "Express Entry: 500 invited",
            "On May 29, 500 candidates were invited to apply in an all-program draw, with a "
            "minimum CRS score of 465.",
            ("general", 500, 465),
            id="a date's day and a count stay apart",
        ),
        pytest.param(
            "Canada's First Trade Express Entry Draw",
            "IRCC invited 1,250 candidates on May 29, with a minimum CRS score of 505.",
            ("trade", 1250, 505),
            id="a category's own draw named in the headline",
        ),
        pytest.param(
            "Express Entry healthcare draw",
            "On May 29, IRCC invited 4,000 health care and social services workers, with a "
            "cut-off of 467.",
            ("healthcare", 4000, 467),
            id="a count before a category's name with 'and' in it",
        ),
    ],
)
def test_counts_and_categories_as_loosely_written(title: str, body: str, expected: Figures) -> None:
    published = datetime(2025, 5, 30, 20, tzinfo=UTC)
    assert read(title, body, published) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "IRCC invited 829 candidates in a PNP-only draw on May 29. Selected candidates had "
            "to meet a minimum CRS score of 772. The score is high since the candidates had "
            "received 600 extra points for their nomination. This means the lowest possible "
            "score for each candidate was 172.",
            ("pnp", 829, 772),
            id="a nomination's extra points and a score worked out from them",
        ),
        pytest.param(
            "IRCC invited 636 candidates in a PNP-only draw on May 29, with a CRS score of at "
            "least 752. The minimum score was relatively high because candidates get an "
            "automatic 600 points added to their score when they receive a nomination.",
            ("pnp", 636, 752),
            id="'600 points added' by a nomination",
        ),
        pytest.param(
            "IRCC invited 284 candidates in a PNP-only draw on May 29, with a minimum CRS "
            "score of 778. IRCC has now issued 44,124 ITAs this year, including six PNP draws "
            "for 2,416 ITAs and four Canadian Experience Class (CEC) draws for 41,708 ITAs.",
            ("pnp", 284, 778),
            id="'six PNP draws for 2,416 ITAs' is several draws' total",
        ),
    ],
)
def test_points_a_nomination_gives_and_several_draws_totals(body: str, expected: Figures) -> None:
    published = datetime(2025, 5, 30, 20, tzinfo=UTC)
    assert read("Express Entry: PNP candidates invited", body, published) == expected


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        pytest.param(
            "Express Entry: 5,500 invited",
            "In the May 29 all-program draw, 5,500 candidates were invited. The cut-off for "
            "this draw was 490 points. Note that when this draw was first published, the "
            "cut-off was incorrectly listed as 507 points. IRCC has since updated it.",
            ("general", 5500, 490),
            id="a figure the article says was corrected",
        ),
        pytest.param(
            "Express Entry: 5,500 invited",
            "IRCC invited 5,500 candidates in an all-program draw on May 29, with a minimum "
            "CRS score of 490. In the last express entry invitations, the CRS cut-off was 507.",
            ("general", 5500, 490),
            id="'the last express entry invitations' are another draw's",
        ),
        pytest.param(
            "canada invites 5 500 candidates for express entry with crs score of 490",
            "IRCC invited candidates in an all-program draw on May 29.",
            ("general", 5500, 490),
            id="a space for a thousands separator",
        ),
    ],
)
def test_corrected_and_earlier_figures_and_spaced_thousands(
    title: str, body: str, expected: Figures
) -> None:
    published = datetime(2025, 5, 30, 20, tzinfo=UTC)
    assert read(title, body, published) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "IRCC invited 150 candidates in an all-program draw on May 29. The minimal Complete "
            "Rating System (CRS) rating held by those that obtained an ITA in the present "
            "day's draw was 437.",
            ("general", 150, 437),
            id="a reworded cut-off sentence, its words far from the figure",
        ),
        pytest.param(
            "Le 29 mai, IRCC a émis 777 invitations aux candidats des provinces, avec un seuil "
            "SCG de 699. Le seuil SCG pour les tirages toutes catégories confondues tourne "
            "autour de 530.",
            ("pnp", 777, 699),
            id="French 'tourne autour de' hedges another figure",
        ),
    ],
)
def test_cut_offs_worded_far_from_their_figure(body: str, expected: Figures) -> None:
    published = datetime(2025, 5, 30, 20, tzinfo=UTC)
    assert read("Express Entry : tirage", body, published) == expected


FRENCH_DRAW = (
    "Canada's French-language Express Entry draw on October 25, 2023 invited 300 candidates. "
    "The cut-off score was 486 Comprehensive Ranking System points."
)


@pytest.mark.parametrize(
    "title",
    [
        "Canada Conducts a French-only Express Entry Draw | Canada Immigration Guide",
        "Canada Conducts a French-only Express Entry Draw \u00b7 Newcomers' Tips",
    ],
)
def test_a_title_s_site_name_is_no_part_of_its_headline(title: str) -> None:
    """ "Guide" and "Tips" name the site, not the article."""
    assert read(title, FRENCH_DRAW, datetime(2023, 10, 26, tzinfo=UTC)) == ("french", 300, 486)


@pytest.mark.parametrize(
    ("title", "kept"),
    [
        ("Express Entry draw | Immigration Guide", "Express Entry draw"),
        ("300 invited | the next draw expected soon", "300 invited | the next draw expected soon"),
        ("Canada's new levels plan | Draw 254", "Canada's new levels plan | Draw 254"),
        ("Draw 254 | A very long name of some site that is more than five words", None),
    ],
)
def test_only_a_short_last_part_without_a_draw_or_figure_is_a_site_name(
    title: str, kept: str | None
) -> None:
    assert without_site_name(title) == (kept or title)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "On Friday, 1,280 Express Entry candidates were invited to apply with a minimum "
            "score of 472. A total of 31,390 invitations have been issued since the system "
            "opened in January.",
            ("general", 1280, 472),
            id="a count 'since' a time is everything issued since",
        ),
        pytest.param(
            "IRCC issued 2,750 invitations to apply with a CRS cut-off of 494. Overall, 8,250 "
            "applicants have received ITAs since all-program rounds restarted on May 2.",
            ("general", 2750, 494),
            id="'Overall, ... since ... restarted'",
        ),
        pytest.param(
            "IRCC invited 4,200 candidates with a minimum CRS score of 477, making a total of "
            "12,600 ITAs in a matter of three weeks.",
            ("general", 4200, 477),
            id="a count 'in three weeks' is the weeks' total",
        ),
        pytest.param(
            "IRCC invited 3,000 candidates for the first time since March, with a minimum CRS "
            "score of 488.",
            ("general", 3000, 488),
            id="'for the first time since' does not make a count a total",
        ),
    ],
)
def test_counts_since_a_time_or_over_weeks_are_totals(body: str, expected: Figures) -> None:
    assert read("Express Entry draw", body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "IRCC held a draw on May 28, issuing 2,300 ITAs. The cut-off dropped to 431, 20 "
            "points lower than the last all-program draw in March, which saw only 700 ITAs.",
            ("general", 2300, 431),
            id="'the last all-program draw': a hyphenated word before 'draw'",
        ),
        pytest.param(
            "Canada held its 20th Express Entry draw Friday, inviting 1,410 people.\n"
            "What does the change mean?\n"
            "The minimum score among invitees was 482 points, not much of a change from the "
            "Oct. 23 draw where the minimum score was 489.",
            ("general", 1410, 482),
            id="'a change from the Oct. 23 draw' is another draw's",
        ),
        pytest.param(
            "IRCC invited 1,410 candidates on May 28. The minimum score was 482, after "
            "scores hit a low of 451 points in the Sept. 18 and Oct. 2 draws.",
            ("general", 1410, 482),
            id="'Sept. 18' is a date that does not end a sentence",
        ),
        pytest.param(
            "IRCC invited 5,000 candidates in its latest draw. The cut-off was 480, the lowest for "
            "such a draw since the December 23, 2018 draw, where the score was 468.",
            ("general", 5000, 480),
            id="'since the December 23, 2018 draw' is another draw",
        ),
    ],
)
def test_another_draw_named_by_a_comparison(body: str, expected: Figures) -> None:
    assert read("Express Entry draw", body, datetime(2019, 5, 29, tzinfo=UTC)) == expected


def test_it_is_the_cut_off_the_sentence_before_names() -> None:
    body = (
        "IRCC invited 7,000 candidates on May 28. The minimum CRS cut-off score has also "
        "come down sharply. This time it was 481, the lowest in two years."
    )
    assert read("Express Entry draw", body) == ("general", 7000, 481)


def test_it_compares_without_giving_the_cut_off() -> None:
    body = (
        "IRCC invited 6,300 CEC candidates on May 28 with a minimum CRS score of 515. That is "
        "the lowest CRS score of the year. Additionally, it is less than the 522 minimum score "
        "of the previous CEC draw."
    )
    assert read("Express Entry CEC draw", body) == ("cec", 6300, 515)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "A 461 Detailed Ranking System (CRS) score was adequate to get an invitation.",
            461,
            id="a reworded system's name before '(CRS)'",
        ),
        pytest.param(
            "It issued invitations to applicants with 771 scores in the CRS.",
            771,
            id="'771 scores in the CRS'",
        ),
        pytest.param(
            "The cut-off was 771. Nominees receive 600 CRS points automatically added to "
            "their score.",
            771,
            id="points a nomination adds, 'automatically'",
        ),
        pytest.param(
            "Only candidates scoring 741 and above were invited.",
            741,
            id="candidates 'scoring 741 and above'",
        ),
    ],
)
def test_cut_off_wordings(sentence: str, expected: int) -> None:
    body = f"IRCC invited 600 Provincial Nominee Program candidates on May 28. {sentence}"
    assert read("Express Entry PNP draw", body) == ("pnp", 600, expected)


def test_a_title_s_clause_after_the_draw_is_no_pause() -> None:
    body = (
        "IRCC sent invitations to Provincial Nominee Program candidates on May 28 in a "
        "program-specific draw. The minimum CRS score required was 676."
    )
    title = "2,985 Express Entry candidates received ITAs after a brief pause"
    assert read(title, body) == ("pnp", 2985, 676)
    assert read("Express Entry draws resume after a pause", body) == ("pnp", None, 676)
    assert read("Express Entry draws will resume after a pause", body) is None


@pytest.mark.parametrize(
    ("body", "published", "expected"),
    [
        pytest.param(
            "On March 12, IRCC released the result of its latest draw. This general Express "
            "Entry draw invited 2,850 candidates. The cut-off CRS score was 525.",
            CATEGORY_ROUNDS,
            ("general", 2850, 525),
            id="'this general Express Entry draw'",
        ),
        pytest.param(
            "IRCC held its first Express Entry draw for the education category on May 28, "
            "inviting 1,000 candidates with a minimum CRS score of 479.",
            CATEGORY_ROUNDS,
            ("education", 1000, 479),
            id="'the education category'",
        ),
        pytest.param(
            "A new draw on May 28 produced 3,200 invitations to apply.\n"
            "The minimum Comprehensive Ranking System (CRS) score in the May 28 invitation "
            "round was 472.",
            BEFORE_CATEGORIES,
            ("general", 3200, 472),
            id="a date between the cut-off's words and its figure",
        ),
    ],
)
def test_categories_and_cut_offs_named_apart(
    body: str, published: datetime, expected: Figures
) -> None:
    assert read("Express Entry draw", body, published) == expected


def test_the_title_repeated_in_the_page_is_no_paragraph() -> None:
    """A breadcrumb ending with the title and the title again leave the cut-off, in the
    fourth paragraph after them, inside the opening."""
    title = "2,878 Candidates Invited in May 28 Express Entry Draw"
    body = (
        f"News > Latest News > Immigration > Express Entry > {title}\n{title}\n"
        "The largest draw of all time surprised many candidates who had been waiting.\n"
        "Candidates now have 90 days to send a complete application to the department.\n"
        "This draw came as a surprise to many candidates, only six days after another one.\n"
        "Candidates with 475 or more Comprehensive Ranking System (CRS) points were issued "
        "an invitation to apply."
    )
    assert read(title, body) == ("general", 2878, 475)


def test_candidates_in_the_pool_invited_in_a_draw_are_the_draw_s() -> None:
    body = (
        "A total of 2,878 candidates in the Express Entry pool are a step closer to permanent "
        "residence after a draw that took place on May 28. Candidates in the pool with 475 or "
        "more CRS points were issued an invitation to apply."
    )
    assert read("2,878 candidates invited in Express Entry draw", body) == ("general", 2878, 475)


def test_a_sentence_about_several_draws_names_no_category_of_this_one() -> None:
    body = (
        "IRCC issued 2,095 invitations in its latest Express Entry draw on May 28, with a "
        "cut-off of 529.\nIn 2024 a variety of draws were conducted, targeting candidates for "
        "their occupation or their French language proficiency."
    )
    report = extract("Express Entry draw", paragraphs(body), datetime(2024, 5, 29, tzinfo=UTC))
    assert report.main is not None and report.main.category is None


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        pytest.param(
            "Express Entry draw",
            "On May 28, IRCC issued 1500 more Invitations to Apply in the 101st Express Entry "
            "draw. The CRS score of the lowest-ranked candidate was 463.",
            ("general", 1500, 463),
            id="'1500 more ITAs' with no 'than' is the draw's count",
        ),
        pytest.param(
            "Canada issues record 7 000 invitations in a single Express Entry draw in 2019",
            "The minimum Comprehensive Ranking System score in this draw, held on May 28, was 490.",
            ("general", 7000, 490),
            id="'in a single draw in 2019' is the draw's year, not a year's total",
        ),
        pytest.param(
            "Canada Express Entry: 4500 invites sent",
            "Canada has issued 82850 ITAs until now for the year 2019. The minimum CRS score "
            "required for this draw, held on May 28, was 471.",
            ("general", 4500, 471),
            id="'until now for the year 2019' is a total",
        ),
        pytest.param(
            "Express Entry draw",
            "IRCC issued 1,000 invitations in 2019's first draw, held on May 28, with a "
            "minimum CRS score of 471.",
            ("general", 1000, 471),
            id="'in 2019's first draw' is no year's total",
        ),
        pytest.param(
            "Express Entry draw",
            "The draw that was organized on May 28 saw the government issue 3,200 invitations. "
            "The minimum Comprehensive Ranking System (CRS) score assigned to candidates who "
            "were given the invitation during this round was just 469.",
            ("general", 3200, 469),
            id="a cut-off's words a hundred characters before its figure",
        ),
    ],
)
def test_counts_and_cut_offs_read_further(title: str, body: str, expected: Figures) -> None:
    assert read(title, body) == expected


def test_a_chart_s_caption_and_a_year_s_review_make_no_draw() -> None:
    body = (
        "May 28, 2019 marked the anniversary of the first Express Entry draw.\n"
        "Draws 1-26 - Invitations v. Points required\n"
        "The lowest required amount of points was 450 and the highest was 489."
    )
    assert read("One Year of Express Entry Draws \u2013 The Numbers", body) is None
    assert read("Express Entry draw", "Draws 1-26 - Invitations v. Points required.") is None


def test_a_key_facts_list_ends_before_the_heading_after_it() -> None:
    body = (
        "Today IRCC held the second draw of the week, inviting 3,500 healthcare workers.\n"
        "Express Entry Draw Highlights \u2013 28 May, 2025\n"
        "\u2022 Invitations Issued: 3,500\n\u2022 CRS Cutoff: 422\n"
        "\u2022 Draw Type: Healthcare occupations\n"
        "Previous Category-Based Express Entry Draws in 2025\n"
        "DateRound typeInvitations issuedCRS score cutoff"
    )
    assert read("Express Entry healthcare draw", body, CATEGORY_ROUNDS) == (
        "healthcare", 3500, 422,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "Canada sent invitations to 5000 Express Entry applicants on 28th May. To receive "
            "an ITA under the Canadian Experience Class (CEC), the applicant must have a CRS "
            "score of at least 432 which is 17 points less than the previous draw.",
            ("cec", 5000, 432),
            id="'17 points less than the previous draw' leaves the figure before it",
        ),
        pytest.param(
            "A total of 4,750 candidates were invited in the May 28 round of the Canadian "
            "Experience Class. There was also a decrease of three points in the minimum CRS, "
            "down from 494 to 491.",
            ("cec", 4750, 491),
            id="'down from 494 to 491'",
        ),
        pytest.param(
            "IRCC invited 3,500 Canadian Experience Class candidates. The latest CRS draw held "
            "on the 28th of May reached a new low at 441.",
            ("cec", 3500, 441),
            id="'the 28th of May' between the cut-off's words and its figure",
        ),
        pytest.param(
            "date 2019-05-29 In the latest Canadian Experience Class draw, IRCC issued 6,000 "
            "invitations. On May 28, the results of the draw were announced. The lowest-ranked "
            "applicant had a CRS score of 508.",
            ("cec", 6000, 508),
            id="a page's 'date 2019-05-29' is its own date, not the draw's",
        ),
        pytest.param(
            "IRCC invited 5,500 Canadian Experience Class candidates on May 28 with a minimum "
            "CRS score of 507. During the entire year, which began in July and continued until "
            "the end of the year, 35,750 ITAs were awarded.",
            ("cec", 5500, 507),
            id="'during the entire year, ... 35,750 ITAs' is a total",
        ),
    ],
)
def test_changes_dates_and_totals_told_apart(body: str, expected: Figures) -> None:
    assert read("Express Entry CEC draw", body) == expected


OPENING = (
    "IRCC invited 1,750 candidates on May 28 in an all-program draw of Express Entry.\n"
    "Candidates now have 60 days to send a complete application to the department.\n"
    "Invitations were issued to candidates of all three Express Entry programs at once.\n"
    "The department has not said when it will hold the next round of invitations.\n"
)


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        pytest.param(
            "In the May 28 draw, the minimum score selected was 542.",
            ("general", 1750, 542),
            id="a later sentence naming the draw's date gives the unstated cut-off",
        ),
        pytest.param(
            "The minimum score selected was 542.",
            ("general", 1750, 542),
            id="so does one naming no draw, before the paragraph turns",
        ),
        pytest.param(
            "The minimum score selected was 542, a decrease from 557 on July 6.",
            ("general", 1750, 542),
            id="what a turning sentence states before it turns",
        ),
        pytest.param(
            "IRCC held larger draws this year, including the January 13 draw. This single "
            "draw's cut-off was 401.",
            None,
            id="nothing after the paragraph turns to another draw",
        ),
        pytest.param(
            "In the May 28 draw, the minimum score was 542.\nThis draw's cut-off was 541.",
            None,
            id="two values: neither",
        ),
    ],
)
def test_a_cut_off_the_opening_leaves_unstated_comes_from_the_next_paragraphs(
    later: str, expected: Figures | None
) -> None:
    assert read("Express Entry draw", OPENING + later) == expected


def test_the_three_programs_named_in_the_plural_are_all_programs() -> None:
    body = (
        "On February 7, 2018, the department handed out 3,000 invitations to apply through "
        "Express Entry. Those with a score of 442 or higher were invited. This draw included "
        "applicants classified as Federal Skilled Workers, Federal Skilled Tradespeople, "
        "members of the Canadian Experience Class and Provincial Nominees."
    )
    published = datetime(2018, 2, 8, tzinfo=UTC)
    assert read("Latest Express Entry draw", body, published) == ("general", 3000, 442)


def test_a_sentence_describing_the_draw_this_year_names_its_category() -> None:
    body = (
        "3,000 candidates received invitations on May 28.\n"
        "On May 28, the first category-based selection for Trades Occupations took place in "
        "the Express Entry system this year.\nThe minimum CRS score was 477."
    )
    assert read("Canada's Express Entry draw", body, CATEGORY_ROUNDS) == ("trade", 3000, 477)


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        pytest.param(
            "Canada issues 8 500 Express Entry invites to French speakers",
            "IRCC on Friday, May 24, issued invitations to candidates with French language "
            "proficiency, with a minimum CRS score of 400.",
            ("french", 8500, 400),
            id="'8 500 Express Entry invites' is 8,500",
        ),
        pytest.param(
            "Express Entry draw: 380 PNP invitations, cut-off 798",
            "IRCC held a draw for provincial nominees on May 24. The result shows the value of "
            "a nomination, not that ordinary candidates need a base score near 800.",
            ("pnp", 380, 798),
            id="'near 800' is a hedge",
        ),
        pytest.param(
            "Express Entry PNP draw",
            "On May 24, Canada invited 919 Provincial Nominee Program candidates with a minimum "
            "CRS score of 785.\nCandidates who were invited now have 60 days to apply for "
            "permanent residence.\nIRCC invited a total of 924 PNP candidates to apply for "
            "Canadian immigration in the previous round of invitations.",
            ("pnp", 919, 785),
            id="a figure 'in the previous round' is that round's",
        ),
        pytest.param(
            "Express Entry draw",
            "On May 24, IRCC issued 2,000 invitations to apply with a minimum CRS score of "
            "533.\nFurthermore, 250 more candidates received invitations in this draw compared "
            "to the previous draw.",
            ("general", 2000, 533),
            id="'250 more ... compared to the previous draw' is a difference",
        ),
    ],
)
def test_hedges_differences_and_the_previous_round(
    title: str, body: str, expected: Figures
) -> None:
    published = CATEGORY_ROUNDS if expected[0] in ("french", "pnp") else BEFORE_CATEGORIES
    assert read(title, body, published) == expected


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        pytest.param(
            "Canada invites 2,000 eligible immigrants",
            "Canada invited a total of 2000 potential immigrants to apply for permanent "
            "residence through the Express Entry draw conducted on 3rd August. The minimum CRS "
            "score for this draw was 533.",
            ("general", 2000, 533),
            id="'2000 potential immigrants' invited are the draw's count",
        ),
        pytest.param(
            "Express Entry draw",
            "On August 3, IRCC invited 2,000 candidates with a minimum CRS score of 533. Canada "
            "is on track to welcome 55,900 immigrants through Express Entry this year, and has "
            "committed to bring in 401,000 new immigrants.",
            ("general", 2000, 533),
            id="a target ('on track to welcome', 'committed to bring in') is no draw's count",
        ),
        pytest.param(
            "Express Entry draw",
            "On August 3, IRCC invited 2,000 candidates with a minimum CRS score of 533. Under "
            "the levels plan, IRCC is targeting the admission of 82,880 immigrants, and plans "
            "to invite 110,000 candidates.",
            ("general", 2000, 533),
            id="'targeting the admission of', 'plans to invite'",
        ),
        pytest.param(
            "The Canadian government welcomes 500 new Federal Skilled Trades applicants",
            "In the round of August 3, the cut-off for Federal Skilled Trades candidates was "
            "332 points.",
            ("fst", 500, 332),
            id="'welcomes 500 new applicants' is a draw's count, not a target",
        ),
        pytest.param(
            "Entrée express : 1 750 invitations",
            "Le Canada a invité 1 750 candidats à l'Entrée express le 3 août, avec un score "
            "minimal de 542. En 2022, le Canada est sur la bonne voie pour accueillir 55 900 "
            "immigrants par le biais d'Entrée express.",
            ("general", 1750, 542),
            id="'pour accueillir 55 900 immigrants' is a target",
        ),
    ],
)
def test_immigrants_invited_and_the_targets_beside_them(
    title: str, body: str, expected: Figures
) -> None:
    assert read(title, body) == expected


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        pytest.param(
            "Express Entry draw",
            "On August 17, IRCC invited 2,250 candidates with a minimum CRS score of 525. Since "
            "all-program draws resumed, 7,500 candidates have received ITAs.",
            ("general", 2250, 525),
            id="'Since ..., 7,500 candidates' is everything since",
        ),
        pytest.param(
            "Express Entry draw",
            "On September 14, IRCC issued 2,000 invitations to Canadian Experience Class "
            "candidates with scores of 462 and above. With 99,653 profiles already invited "
            "through CEC draws this year, competition is growing.",
            ("cec", 2000, 462),
            id="'invited through CEC draws this year' is the year's total",
        ),
        pytest.param(
            "Express Entry draw",
            "On September 14, IRCC issued 2,000 invitations to Canadian Experience Class "
            "candidates in its fifth draw this year. The cut-off was 462.",
            ("cec", 2000, 462),
            id="'in its fifth draw this year' leaves the count the draw's",
        ),
        pytest.param(
            "Canada issues 5,000 CEC invitations",
            "On December 16, IRCC invited 5,000 Canadian Experience Class candidates with a "
            "cut-off of 515.\nThis came just a week after a large CEC draw on December 10, "
            "when IRCC invited 6,000 candidates with a CRS cutoff score of 520.",
            ("cec", 5000, 515),
            id="'came just a week after a large CEC draw' turns to that draw",
        ),
        pytest.param(
            "June CRS draw: IRCC invites Express Entry candidates",
            "IRCC has held the latest Express Entry draw of June, the year's fourteenth.\n"
            "Latest Express Entry draw highlights\n1. Date \u2013 June 8, 2023\n"
            "2. No of ITAs \u2013 4800\n3. Minimum CRS \u2013 486\n"
            "4. Type of draw \u2013 All program draw\n5. Previous draw CRS \u2013 488",
            ("general", 4800, 486),
            id="key facts parted by a dash, the previous draw's among them",
        ),
    ],
)
def test_totals_turns_and_key_facts_as_loosely_written(
    title: str, body: str, expected: Figures
) -> None:
    assert read(title, body, datetime(2023, 6, 8, 20, tzinfo=UTC)) == expected


def test_a_title_s_category_is_its_announcing_clause_s() -> None:
    """'... as IRCC tests a new healthcare pathway' names a second category, of no draw."""
    title = "Express Entry's first physicians draw: CRS at 169 as IRCC tests a healthcare pathway"
    body = "On February 19, IRCC issued 391 invitations to physicians. The cut-off was 169."
    assert read(title, body, datetime(2026, 2, 19, 20, tzinfo=UTC)) == ("physicians", 391, 169)


def test_a_round_up_of_the_month_s_draws_is_no_draw() -> None:
    body = "On April 29, IRCC invited 589 provincial nominees with a cut-off of 692."
    assert (
        extract("Express Entry Draw and PNP Round Up May 2020", paragraphs(body), None).main is None
    )


@pytest.mark.parametrize(
    "aside",
    [
        "Meanwhile, 1,200 candidates were invited to apply in another program.",
        "Ontario issued 1,200 invitations through its Human Capital Priorities stream.",
        "In other news, British Columbia sent 1,200 invitations to apply.",
    ],
)
def test_a_province_s_draw_or_other_news_beside_the_draw_is_not_its_figure(aside: str) -> None:
    body = (
        "This week's Express Entry highlights: on Monday, December 7, IRCC invited 3,000 CEC "
        f"candidates with a cut-off of 515. {aside}"
    )
    published = datetime(2026, 12, 8, 20, tzinfo=UTC)
    assert read("Express Entry: this week's CEC draw", body, published) == ("cec", 3000, 515)
    # a week's round-up gives the week's draw, as a weekly roundup or recap does
    assert read("Weekly round-up: Express Entry", body, published) == ("cec", 3000, 515)


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Express Entry draw: CEC", "Meanwhile, IRCC invited 3,000 CEC candidates on December 7 "
         "with a cut-off of 515."),
        ("This week in immigration", "Study permit caps were announced. Meanwhile, in Express "
         "Entry news, IRCC invited 3,000 CEC candidates on December 7 with a cut-off of 515."),
    ],
)  # fmt: skip
def test_a_transition_that_leads_to_the_draw_itself_keeps_it(title: str, body: str) -> None:
    """A newsletter's "Meanwhile" may open the item about the draw: it turns from the draw
    only once the draw is known, in a sentence that does not name it again."""
    published = datetime(2026, 12, 8, 20, tzinfo=UTC)
    assert read(title, body, published) == ("cec", 3000, 515)
    # naming the draw's category again, it is still read as any sentence is
    recalled = f"{body} Meanwhile, the previous CEC draw invited 4,000 candidates at 516."
    assert read(title, recalled, published) == ("cec", 3000, 515)


@pytest.mark.parametrize(
    ("body", "published", "expected"),
    [
        pytest.param(
            "Migration, Refugees and Citizenship Canada sent 3,000 solicitations to apply to "
            "Canadian Experience Class contenders in its most recent Express Entry draw on "
            "December 7. The least-ranked competitor had a Comprehensive Ranking System score "
            "of 515.",
            datetime(2026, 12, 7, 20, tzinfo=UTC),
            ("cec", 3000, 515),
            id="a machine-reworded copy's solicitations and contenders are invitations",
        ),
        pytest.param(
            "IRCC has conducted another Express Entry draw today. 3,500 candidates received "
            "ITAs with a minimum score of 440. The previous draw on May 24 was for FST "
            "candidates only.",
            datetime(2018, 5, 30, 20, tzinfo=UTC),
            ("general", 3500, 440),
            id="a program named of the previous draw leaves an early draw all-program",
        ),
        pytest.param(
            "Canada held a trade occupations draw on November 13, 2024, issuing 400 invitations "
            "to apply. The CRS cut-off score for this round was 433, well below the recent "
            "all-program cut-offs in the mid-500s.",
            datetime(2024, 11, 14, 20, tzinfo=UTC),
            ("trade", 400, 433),
            id="a category compared with in a later clause is no rival",
        ),
    ],
)
def test_reworded_copies_and_other_draws_named_in_passing(
    body: str, published: datetime, expected: Figures
) -> None:
    assert read("Express Entry draw", body, published) == expected


CUT_OFF_ONLY = (
    "IRCC held an all-program draw of Express Entry on May 28, with a cut-off of 542.\n"
    "Candidates now have 60 days to send a complete application to the department.\n"
)


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        pytest.param(
            "In the May 28 draw, 1,750 candidates were invited.",
            ("general", 1750, 542),
            id="a later sentence naming the draw gives the unstated size",
        ),
        pytest.param(
            "This year, 1,750 candidates were invited in a single draw.",
            ("general", None, 542),
            id="one naming no draw does not: a later count is often a total or another's",
        ),
    ],
)
def test_a_size_the_opening_leaves_unstated_comes_only_from_a_sentence_naming_the_draw(
    later: str, expected: Figures
) -> None:
    assert read("Express Entry draw", CUT_OFF_ONLY + later) == expected


def test_who_was_eligible_names_the_draw_s_category() -> None:
    published = datetime(2023, 2, 1, 20, tzinfo=UTC)
    body = (
        "IRCC sent out invitations to 699 candidates who had a minimum CRS score of 791 on "
        "February 1. Only candidates in the Provincial Nominee Program (PNP) were eligible."
    )
    assert read("Express Entry draw", body, published) == ("pnp", 699, 791)
    bonus = (
        "IRCC invited 3,000 candidates of all programs on February 1, with a minimum CRS "
        "score of 522. French-speaking candidates are eligible for more CRS points."
    )
    assert read("Express Entry draw", bonus, published) == ("general", 3000, 522)


def test_a_count_before_a_program_s_full_name_and_abbreviation() -> None:
    body = (
        "On May 31, a total of 250 Federal Skilled Trades Program (FSTP) candidates received "
        "an invitation to apply, with a cut-off of 415."
    )
    assert read("Express Entry draw", body, datetime(2020, 5, 31, 20, tzinfo=UTC)) == (
        "fst", 250, 415,
    )  # fmt: skip


def test_another_round_held_is_the_announced_one() -> None:
    """'held another round' announces this round; 'another round' alone is another one."""
    body = (
        "Officials held another round of invitations through Express Entry on June 1. A total "
        "of 762 applicants were issued invitations, and the lowest-ranked candidate had 483 "
        "points."
    )
    published = datetime(2016, 6, 2, 20, tzinfo=UTC)
    assert read("Express Entry favours holders of job offers", body, published) == (
        "general", 762, 483,
    )  # fmt: skip
    later = (
        "IRCC invited 762 candidates on June 1 with a cut-off of 483. Another round, held in "
        "May, had a cut-off of 450."
    )
    assert read("Express Entry draw", later, published) == ("general", 762, 483)
    seen = (
        "Express Entry saw another round of invitations on June 1, when 762 candidates with "
        "scores of 483 or higher were invited to apply."
    )
    assert read("Express Entry draw", seen, published) == ("general", 762, 483)


def test_a_cut_off_stated_before_the_tie_break_in_one_sentence_is_read() -> None:
    published = datetime(2026, 12, 7, 18, tzinfo=UTC)
    body = (
        "IRCC conducted Express Entry draw #421 on December 7, inviting 3,000 candidates from "
        "the Canadian Experience Class. The cut-off CRS was 515, with a tie-break date of "
        "April 14, 2026."
    )
    report = extract("Express Entry draw #421", paragraphs(body), published).main
    assert report is not None and report.confidence is Confidence.HIGH
    assert (report.category, report.invitations, report.crs, report.tie_break) == (
        "cec", 3000, 515, None,  # a date without its time is no tie-break
    )  # fmt: skip
    timed = body.replace("April 14, 2026.", "April 14, 2026 at 00:03:10 UTC.")
    report = extract("Express Entry draw #421", paragraphs(timed), published).main
    assert report is not None and (report.crs, report.tie_break) == (
        515, datetime(2026, 4, 14, 0, 3, 10, tzinfo=UTC),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (datetime(2025, 9, 18, 20, tzinfo=UTC), ("trade", 1250, 505)),
        (datetime(2020, 8, 6, 20, tzinfo=UTC), ("fst", 1250, 505)),
    ],
)
def test_federal_skilled_trades_since_the_trade_rounds_is_the_trade_category(
    published: datetime, expected: Figures
) -> None:
    """No Federal Skilled Trades Program round since August 2020; trade occupations' since
    August 2023: a "Federal Skilled Trades" draw now is theirs."""
    body = (
        "IRCC has issued 1,250 invitations through the Federal Skilled Trades Program today, "
        "with a minimum CRS score of 505."
    )
    assert read("Express Entry draw", body, published) == expected


@pytest.mark.parametrize(
    ("remark", "expected"),
    [
        (
            "At first glance, a CRS cut-off of 511 may still appear high to many.",
            ("cec", 8000, 511),
        ),
        ("A cut-off of 511 might seem high, but the draw was large.", ("cec", 8000, 511)),
        ("The cut-off may fall to 505 in the weeks ahead.", None),
        ("Scores could well drop to 505.", None),
    ],
)
def test_a_modal_that_says_how_a_figure_strikes_one_is_no_forecast(
    remark: str, expected: Figures | None
) -> None:
    """ "511 may appear high" judges the draw's own cut-off; "may fall to 505" forecasts."""
    body = (
        "On January 7, IRCC held a Canadian Experience Class (CEC) draw, issuing 8,000 "
        f"invitations to apply.\nWhy this draw matters\n{remark}"
    )
    assert read("IRCC invites 8,000 CEC candidates", body, datetime(2026, 1, 8, tzinfo=UTC)) == (
        expected
    )


def test_an_occupation_in_a_list_of_others_names_no_category() -> None:
    """ "nurses, physicians, pharmacists" are what a healthcare round covers; "invited 391
    physicians" names the physicians' round."""
    body = (
        "IRCC invited 3,500 candidates in a healthcare and social services draw on November "
        "14, with a cut-off of 462.\nThe round made room for nurses, physicians, pharmacists "
        "and social workers."
    )
    published = datetime(2025, 11, 15, tzinfo=UTC)
    assert read("Express Entry: 3,500 invited", body, published) == ("healthcare", 3500, 462)
    physicians = (
        "On December 10, IRCC invited 391 physicians, the first such draw, with a minimum CRS "
        "score of 169."
    )
    later = datetime(2025, 12, 11, tzinfo=UTC)
    assert read("Express Entry draw", physicians, later) == ("physicians", 391, 169)


def test_ircc_s_labels_run_together_give_each_figure_its_own_label() -> None:
    """Key facts flattened into one line: the cut-off's label ends "invited:", and the
    count's label ("Number of invitations") follows the cut-off's figure."""
    body = (
        "Details of the draw are as follows: Category: Healthcare and social services "
        "occupations Date: November 14, 2025 CRS score of lowest-ranked candidate invited: 462 "
        "Number of invitations issued: 3,500"
    )
    published = datetime(2025, 11, 15, tzinfo=UTC)
    assert read("Express Entry draw", body, published) == ("healthcare", 3500, 462)


@pytest.mark.parametrize(
    "body",
    [
        "On June 19, IRCC invited 1,499 PNP candidates. The cut-off CRS score for this draw, "
        "round #298, was set at 663 points.",
        "On June 19, IRCC invited 1,499 PNP candidates with a minimum CRS score of 663.\n"
        "Why the CRS score was so high for Express Entry draw 298",
    ],
)
def test_a_round_s_number_is_no_cut_off(body: str) -> None:
    published = datetime(2024, 6, 20, tzinfo=UTC)
    assert read("Express Entry draw", body, published) == ("pnp", 1499, 663)


def test_back_then_turns_to_the_draw_recalled() -> None:
    body = (
        "The all-program draw held on March 29 had the lowest cut-off since the December 23, "
        "2020 draw (back then, the score was 468). IRCC issued 7,000 invitations in this draw. "
        "The minimum CRS cut-off score was 481."
    )
    published = datetime(2023, 3, 30, tzinfo=UTC)
    assert read("Express Entry draw", body, published) == ("general", 7000, 481)


@pytest.mark.parametrize(
    "recalled",
    [
        "This is the first CEC draw since June, when 4,000 invitations went out at a cut-off "
        "of 516.",
        "In June, IRCC invited 4,000 CEC candidates with a cut-off of 516.",
        "June's CEC draw invited 4,000 candidates at 516.",
        "A CEC draw in November 2025 invited 4,000 candidates at 516.",
    ],
)
def test_a_month_named_alone_that_is_not_the_draw_s_is_another_draw_s(recalled: str) -> None:
    """An article of December 7 about "today's" draw: June's figures, or November 2025's,
    are another draw's."""
    body = (
        "IRCC held a new Express Entry draw today, inviting 3,000 Canadian Experience Class "
        "candidates to apply for permanent residence. The lowest-ranked candidate invited had "
        f"a CRS score of 515.\n{recalled}"
    )
    published = datetime(2026, 12, 7, 15, tzinfo=UTC)
    assert read("Express Entry CEC draw", body, published) == ("cec", 3000, 515)


@pytest.mark.parametrize(
    "recalled",
    [
        "Le dernier tirage de la CEC remonte à juin : 4 000 invitations, note minimale de 516.",
        "En juin dernier, 4 000 candidats de la CEC avaient été invités avec une note de 516.",
    ],
)
def test_a_month_named_alone_in_french_is_another_draw_s(recalled: str) -> None:
    body = (
        "IRCC a tenu aujourd'hui un nouveau tirage d'Entrée express et invité 3 000 candidats "
        "de la catégorie de l'expérience canadienne, avec une note minimale du SCG de 515.\n"
        f"{recalled}"
    )
    published = datetime(2026, 12, 7, 15, tzinfo=UTC)
    assert read("Entrée express : tirage de la CEC", body, published) == ("cec", 3000, 515)


def test_candidates_of_the_canadian_experience_in_french_name_the_cec() -> None:
    body = (
        "Ce lundi, Ottawa a lancé 3 000 invitations à des candidats de l'expérience "
        "canadienne. Il fallait obtenir au moins 515 points au Système de classement global "
        "(SCG). En juin, 4 000 personnes avaient été invitées avec un seuil de 516."
    )
    published = datetime(2026, 12, 7, 20, tzinfo=UTC)
    assert read("Entrée express", body, published) == ("cec", 3000, 515)


def test_a_month_named_alone_may_be_the_draw_s_own() -> None:
    """December's draw, in an article of December 7 that tells two December draws' figures
    without their days: which is this one is not told."""
    body = (
        "IRCC held a new Express Entry draw today, inviting 3,000 Canadian Experience Class "
        "candidates to apply for permanent residence. The lowest-ranked candidate invited had "
        "a CRS score of 515.\nThe CEC draw in December invited 4,000 candidates at 516."
    )
    assert read("Express Entry CEC draw", body, datetime(2026, 12, 7, 15, tzinfo=UTC)) is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("May 11 PNP draw: what 798 and 380 invitations mean for work permit holders",
         ("pnp", 380, 798)),
        ("Canada extends work permits for PNP candidates", None),
    ],
)  # fmt: skip
def test_work_permit_holders_are_readers_and_work_permits_another_program(
    title: str, expected: Figures | None
) -> None:
    body = (
        "On May 11, IRCC held a Provincial Nominee Program (PNP) specific Express Entry draw. "
        "The minimum CRS score was 798. The number of invitations issued: 380."
    )
    assert read(title, body, datetime(2026, 5, 12, tzinfo=UTC)) == expected


def test_a_row_of_cells_that_say_what_they_are_is_read_as_a_line() -> None:
    """A results line of cells ("Draw #421 | ... | 3,000 ITAs | CRS 515"), without a header,
    is read as its cells said in a row; the next row is another draw's."""
    body = (
        "<p>Draw #421 | December 7, 2026 | Canadian Experience Class | 3,000 ITAs | CRS 515</p>"
        "<p>Draw #420 | June 23, 2026 | Canadian Experience Class | 4,000 ITAs | CRS 516</p>"
    )
    report = extract("Express Entry: CEC draw results", body, datetime(2026, 12, 8, tzinfo=UTC))
    assert report.main is not None and report.main.confidence is Confidence.HIGH
    main = report.main
    assert (main.number, main.category, main.invitations, main.crs) == ("421", "cec", 3000, 515)
    # a row of bare figures says nothing of itself, and is not read
    bare = "<p>| 421 | December 7, 2026 | CEC | 3,000 | 515 |</p>"
    assert (
        extract("Express Entry: CEC draw results", bare, datetime(2026, 12, 8, tzinfo=UTC)).main
        is None
    )


@pytest.mark.parametrize(
    "facts",
    [
        "<table><tr><th>Detail</th><th>Value</th></tr><tr><td>Draw date</td><td>January 5, 2026"
        "</td></tr><tr><td>Invitations Issued</td><td>574</td></tr><tr><td>Minimum CRS Score"
        "</td><td>711</td></tr></table>",
        "<p>| Detail | Value |</p><p>|---|---|</p><p>| Draw date | January 5, 2026 |</p>"
        "<p>| Invitations Issued | 574 |</p><p>| Minimum CRS Score | 711 |</p>",
    ],
    ids=["an HTML table", "a Markdown table"],
)
def test_a_table_of_labels_and_values_is_a_key_facts_list(facts: str) -> None:
    body = (
        "<p>The first Express Entry draw of 2026 issued permanent residence invitations through "
        f"the Provincial Nominee Program.</p>{facts}"
    )
    report = extract("First 2026 Express Entry draw", body, datetime(2026, 1, 6, tzinfo=UTC)).main
    assert report is not None
    assert (report.category, report.date, report.invitations, report.crs) == (
        "pnp", date(2026, 1, 5), 574, 711,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "The latest PNP draw was held on February 16. In total, 279 invitations were sent, "
            "with the lowest-ranked candidate receiving a CRS score of 789.",
            ("pnp", 279, 789),
            id="'In total, 279 invitations were sent' is the draw's own",
        ),
        pytest.param(
            "On February 16, IRCC invited 3,000 CEC candidates with a minimum CRS score of 509. "
            "In total, 21,000 candidates were invited over the past two weeks.",
            ("cec", 3000, 509),
            id="'in total ... over the past two weeks' is still several draws'",
        ),
        pytest.param(
            "On February 16, IRCC invited 1,000 CEC candidates with a minimum CRS score of 533. "
            "Candidates who submitted their profiles before January 21, 2026, at 04:16:27 UTC "
            "received invitations.",
            ("cec", 1000, 533),
            id="a tie-break's seconds are no count",
        ),
        pytest.param(
            "On February 16, IRCC invited 746 PNP candidates. As a result, 720 was set as the "
            "minimum cut-off for this draw.",
            ("pnp", 746, 720),
            id="'720 was set as the minimum cut-off'",
        ),
        pytest.param(
            "On February 16, IRCC held a PNP draw with a cut-off of 720.\n- ITAs: 1,550 (combined)",
            ("pnp", None, 720),
            id="a key-facts count marked 'combined' is several draws' total",
        ),
        pytest.param(
            "On February 16, IRCC held a PNP draw with a cut-off of 720. It issued 1,550 ITAs "
            "combined.",
            ("pnp", None, 720),
            id="a count 'combined' is several draws' total",
        ),
        pytest.param(
            "IRCC held two PNP draws, on February 2 and February 16.\n"
            "- ITAs: 800 and 750\n- CRS cut-offs: 745 and 720",
            None,
            id="a key-facts label valued for two draws gives neither's figure",
        ),
    ],
)
def test_a_total_a_time_and_a_cut_off_written_after_its_figure(
    body: str, expected: Figures
) -> None:
    assert read("Express Entry draw", body, datetime(2026, 2, 17, tzinfo=UTC)) == expected


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Here are the key details from the latest draw:", ("french", 4000, 400)),
        ("Here is how it compares with the previous draw:", None),
    ],
)
def test_key_facts_from_the_latest_draw_are_this_draw_s(
    lead: str, expected: Figures | None
) -> None:
    """ "The key details from the latest draw" head this draw's key facts; "compares with
    the previous draw" heads another's."""
    body = (
        "On April 29, IRCC held an Express Entry draw for candidates with French-language "
        f"proficiency.\n{lead}\n- Invitations to Apply (ITAs) Issued: 4,000\n"
        "- Minimum CRS Score: 400\n- Target Category: French-Language proficiency"
    )
    assert read("Express Entry draw", body, datetime(2026, 4, 30, tzinfo=UTC)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "On July 5, IRCC held its second healthcare-targeted draw of the week, issuing "
            "3,750 invitations. Key details of the draw are:\n"
            "Number of ITAs Issued: 3,750\nCut-off Score: 445 points\n"
            "Increase in Cut-off Score: 23 points higher than the previous healthcare draw\n"
            "Tie-breaking Rule: May 07, 2024, at 21:27:04 UTC",
            ("healthcare", 3750, 445),
            id="a line giving the change from the previous draw leaves the list this draw's",
        ),
        pytest.param(
            "On July 5, IRCC held a healthcare-targeted Express Entry draw. Here is how it "
            "compares with the previous draw:\nNumber of ITAs Issued: 3,500\nCut-off Score: 422",
            None,
            id="a list a paragraph says is another draw's stays another's",
        ),
        pytest.param(
            "On July 5, IRCC invited 3,750 healthcare candidates. Here is the pool:\n"
            "601-1200: 124 candidates\n501-600: 13,430 candidates have scores between 501 "
            "and 600\nCut-off: 445",
            None,
            id="a list with another line turning to the pool is still not taken",
        ),
        pytest.param(
            "IRCC held a CEC draw on July 5, in its fifth draw this year, with a cut-off of "
            "522 and 3,000 invitations.",
            ("cec", 3000, 522),
            id="'in its fifth draw this year' is the draw itself",
        ),
        pytest.param(
            "On July 5, IRCC invited 3,000 CEC candidates. The first CEC draw of the month "
            "before, on June 5, had a cut-off of 540.",
            None,
            id="another draw of the year keeps its own figure",
        ),
        pytest.param(
            "On July 5, I.R.C.C. invited 500 candidates in S.T.E.M. occupations. The minimum "
            "C.R.S. score was 486.",
            ("stem", 500, 486),
            id="abbreviations written with dots",
        ),
        pytest.param(
            "On July 5, IRCC released 4,300 invitations to candidates in an all-encompassing "
            "Express Entry draw. The benchmark was set at a CRS of 496.",
            ("general", 4300, 496),
            id="'an all-encompassing Express Entry draw' is for all programs",
        ),
        pytest.param(
            "On July 5, IRCC held a non-category-based draw, inviting 4,300 candidates with a "
            "CRS of 496.",
            ("general", 4300, 496),
            id="'a non-category-based draw' is for all programs",
        ),
    ],
)
def test_key_facts_beside_a_change_a_draw_s_place_and_plain_words(
    body: str, expected: Figures | None
) -> None:
    assert read("Express Entry draw", body, datetime(2024, 7, 6, tzinfo=UTC)) == expected


@pytest.mark.parametrize(
    "later",
    [
        pytest.param(
            "The government's target for 2025 includes 82,890 new immigrants under the CEC "
            "allocation.",
            id="a plan's target",
        ),
        pytest.param(
            "Canada has held 33 CEC-only Express Entry draws in which 17,785 candidates "
            "received invitations.",
            id="'33 draws in which 17,785 candidates'",
        ),
        pytest.param(
            "A total of 7,445 CEC candidates have been invited for permanent residency since "
            "September 2021.",
            id="a total since a month",
        ),
        pytest.param(
            "This was the lowest CRS for CEC candidates since Canada's May 31, 2017 draw that "
            "had a CRS of just 413.",
            id="'since Canada's May 31, 2017 draw'",
        ),
    ],
)
def test_a_later_paragraph_naming_the_category_with_another_figure(later: str) -> None:
    """A figure in a later paragraph that names the draw's category is a rival only if the
    paragraph speaks of this draw: a target, a total over draws or months, or a draw named by
    its date are not."""
    body = (
        "IRCC has held an Express Entry draw for Canadian Experience Class (CEC) "
        "candidates, inviting 3,300 candidates with a minimum CRS score of 507.\n"
        "Candidates have 60 days to submit their applications for permanent residence.\n"
        f"{later}"
    )
    assert read("Express Entry draw", body, datetime(2024, 8, 28, tzinfo=UTC)) == (
        "cec", 3300, 507,
    )  # fmt: skip


def test_a_key_facts_line_s_comment_on_its_figure_is_not_read() -> None:
    """A bullet that states its figure, then comments on it ("We can see a trend ...",
    "the next step toward permanent residency"), still gives its figure."""
    body = (
        "On August 27, 2024, IRCC conducted an Express Entry draw targeting candidates under "
        "the Canadian Experience Class (CEC).\nKey Highlights of the August 27, 2024, CEC Draw:\n"
        "- Number of Invitations Issued: A total of 3,300 invitations to apply (ITAs) were "
        "issued during this draw, allowing many candidates to take the next step toward "
        "permanent residency. We can see a trend in the issuance of ITAs in the 3000 range.\n"
        "- CRS Score: The minimum CRS score required for this draw was 507."
    )
    assert read("Express Entry draw", body, datetime(2024, 8, 28, tzinfo=UTC)) == (
        "cec", 3300, 507,
    )  # fmt: skip


def test_since_draws_resumed_is_a_time_not_another_draw() -> None:
    """ "Since Canada's May 31, 2017 draw" names another draw; "since Express Entry draws
    resumed in July" only a time."""
    body = (
        "The minimum CRS score now stands at 496 for the first time since Express Entry draws "
        "resumed in July. In the latest draw on October 26, IRCC invited 4,750 candidates."
    )
    assert read("Express Entry draw", body, datetime(2022, 10, 27, tzinfo=UTC)) == (
        "general", 4750, 496,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "IRCC held a CEC-only draw on July 22 with a minimum score of 357.\nLarge Draw "
            "Size: Canada kept the same draw size of 4,500 candidates as in the previous "
            "CEC-only draw.",
            ("cec", 4500, 357, date(2021, 7, 22)),
            id="'the same draw size of 4,500 as in the previous draw' is this draw's too",
        ),
        pytest.param(
            "IRCC invited 4,500 CEC candidates with a minimum score of 357. This cut-off was "
            "the same as the previous draw that was held on 8th July 2021.",
            ("cec", 4500, 357, None),
            id="the date of 'the same as the previous draw, held on ...' is the other's",
        ),
    ],
)
def test_a_figure_the_same_as_the_previous_draw_s(
    body: str, expected: tuple[str, int, int, date | None]
) -> None:
    report = extract("CEC draw", paragraphs(body), datetime(2021, 7, 23, 18, tzinfo=UTC)).main
    assert report is not None
    assert (report.category, report.invitations, report.crs, report.date) == expected


@pytest.mark.parametrize(
    ("published", "title", "body", "expected"),
    [
        pytest.param(
            datetime(2023, 8, 2, 18, tzinfo=UTC),
            "Latest Express Entry draw",
            "IRCC has recently conducted an Express Entry draw for all programs, inviting 2000 "
            "candidates. The minimum CRS score was 517.",
            ("general", 2000, 517),
            id="'inviting 2000 candidates' is a count, not a year",
        ),
        pytest.param(
            datetime(2025, 9, 18, 18, tzinfo=UTC),
            "Express Entry: education draw",
            "Express Entry Education Draw / September 18, 2025\nIRCC opened a new round on "
            "September 17. It invited 2,500 candidates under the education category. The draw "
            "lowered the CRS cut-off score to 462.",
            ("education", 2500, 462),
            id="a section and the day it was posted head the page: not the draw's date",
        ),
        pytest.param(
            datetime(2024, 12, 17, 18, tzinfo=UTC),
            "Express Entry draw",
            "Canada has invited 1,085 qualified foreign nationals to apply for permanent "
            "residence under the Provincial Nominee Program. The cut-off score was 727.",
            ("pnp", 1085, 727),
            id="'1,085 qualified foreign nationals'",
        ),
        pytest.param(
            datetime(2024, 2, 14, 18, tzinfo=UTC),
            "Express Entry: IRCC invites candidates in the latest draw",
            "The department invited 1,490 candidates in a general draw from all programs.\n"
            "Candidates required a minimum CRS score of 535.\nIRCC has conducted five draws "
            "so far in 2024. The first was on January 10 and invited 1,510 candidates with a "
            "minimum CRS of 546 in a general draw.",
            ("general", 1490, 535),
            id="'The first was on January 10' is one of the draws the sentence before counts",
        ),
        pytest.param(
            datetime(2021, 9, 15, 18, tzinfo=UTC),
            "Ministerial Instructions respecting invitations to apply under the Express Entry "
            "system #205",
            "Results: Rounds of invitations\nProvincial Nominee Program\nNumber of invitations "
            "issued: 521\nRank required to be invited to apply: 521th or above\nDate and time "
            "of round: September 15, 2021 at 14:59:17 UTC\nCRS score of lowest-ranked "
            "candidate invited: 732",
            ("pnp", 521, 732),
            id="IRCC's own page: the program named alone above the round's figures",
        ),
    ],
)
def test_counts_dates_and_programs_as_pages_set_them_out(
    published: datetime, title: str, body: str, expected: Figures
) -> None:
    assert read(title, body, published) == expected


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            "General CEC draws are pulling candidates with scores in the 507\u2013511 range, "
            "while category-based draws have lower cut-offs.",
            id="a range of scores",
        ),
        pytest.param(
            "2015 saw 23 rounds, with the remaining 18 rounds being offered ITAs at lower "
            "scores. While the CRS scores for an ITA were moving steadily downward, 450 points "
            "was the barrier that had not been broken.",
            id="a trend's barrier and a number of rounds",
        ),
    ],
)
def test_a_guide_s_ranges_and_trends_make_no_draw(body: str) -> None:
    report = extract(
        "Express Entry: invitations to apply", paragraphs(body), datetime(2026, 1, 5, tzinfo=UTC)
    ).main
    assert report is None or (report.crs, report.invitations) == (None, None)


def test_the_time_profiles_were_created_before_is_not_the_draw_s_date() -> None:
    """ "Created an Express Entry profile before 2:53 am Universal Coordinated Time (UTC) on
    6 March 2025" is the tie-break, written day first: the draw stays undated."""
    body = (
        "IRCC invited 7,500 candidates proficient in French. Candidates needed a minimum "
        "Comprehensive Ranking System (CRS) score of 379, and to have created an Express Entry "
        "profile before 2:53 am Universal Coordinated Time (UTC) on 6 March 2025."
    )
    report = extract("Express Entry draw", paragraphs(body), datetime(2025, 3, 22, tzinfo=UTC)).main
    assert report is not None
    assert (report.category, report.invitations, report.crs, report.date) == (
        "french", 7500, 379, None,
    )  # fmt: skip


@pytest.mark.parametrize("score", ["their score", "their average score"])
def test_invitees_who_held_a_provincial_nomination_name_the_pnp(score: str) -> None:
    """Before category-based rounds, an article may name the program only by what the
    invited held: "all of these candidates had previously received provincial nominations".
    Their own average score is not the draws' average: the sentence stays about the draw."""
    body = (
        "On April 15, IRCC issued 118 invitations to candidates.\nEach candidate required a CRS "
        "score of 808.\nHowever, all of these candidates had previously received provincial "
        f"nominations worth 600 points added to {score}."
    )
    assert read("Express Entry draw", body, datetime(2020, 4, 16, tzinfo=UTC)) == ("pnp", 118, 808)


@pytest.mark.parametrize(
    "body",
    [
        "In the draw of November 14, 2025, announced on November 17, IRCC invited 1,000 "
        "candidates in healthcare and social services occupations with a minimum CRS score of "
        "462.",
        "Lors du tirage du 14 novembre 2025, annoncé le 17 novembre, Immigration, Réfugiés et "
        "Citoyenneté Canada (IRCC) a invité 1 000 candidats des professions de la santé et des "
        "services sociaux, avec une note minimale du SCG de 462.",
        # the day it was made public, in a sentence of its own about the draw
        "On November 14, IRCC invited 1,000 candidates in healthcare and social services "
        "occupations. This draw, made public on November 17, set the CRS cut-off at 462.",
        "Le 14 novembre, IRCC a émis 1 000 invitations dans le cadre d'un tirage dédié aux "
        "professions de la santé et des services sociaux. Ce tirage, rendu public le 17 "
        "novembre, a fixé le seuil du Système de classement global (SCG) à 462.",
    ],
    ids=["in English", "in French", "made public, in English", "rendu public, in French"],
)
def test_the_day_a_draw_was_announced_is_not_its_date(body: str) -> None:
    report = extract("Express Entry", paragraphs(body), datetime(2025, 11, 18, tzinfo=UTC)).main
    assert report is not None
    assert (report.date, report.invitations, report.crs) == (date(2025, 11, 14), 1000, 462)


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        pytest.param(
            "Canada invited 746 immigrants under Express Entry PNP",
            "It has been over a year since Canada's last all-program Express Entry draw. On "
            "December 22, Canada invited 746 Express Entry candidates to apply for permanent "
            "residence. All were nominated by a province. As a result, the cut-off for this draw "
            "was set at 720.\nThe previous PNP draw invited 1,032 candidates, with a minimum "
            "score of 698.",
            ("pnp", 746, 720),
            id="the lead's first sentence sets the scene: the paragraph stays the draw's",
        ),
        pytest.param(
            "Express Entry draw: CRS cut-off decreased by three points",
            "In the latest Express Entry draw held on June 26th, the Canadian government invited "
            "3,350 candidates for permanent residence. Previously, the minimum CRS score of the "
            "Express Entry draw was 470.\nCandidates needed a CRS score of 462 in this draw.",
            ("general", 3350, 462),
            id="'Previously,' turns to another draw",
        ),
        pytest.param(
            "5,000 candidates invited in two back to back Express Entry draws",
            "Invitations were issued to 5,000 candidates in two Express Entry draws this week.\n"
            "The first Express Entry draw of 2021 was held on January 6 for candidates with a "
            "provincial nomination. IRCC issued 250 invitations to candidates with a minimum CRS "
            "score of 813.",
            ("pnp", 250, 813),
            id="a count invited in two draws is their total",
        ),
    ],
)
def test_what_the_opening_says_of_other_draws_is_set_aside(
    title: str, body: str, expected: Figures
) -> None:
    assert read(title, body, datetime(2021, 12, 23, tzinfo=UTC)) == expected


def test_a_glossary_of_kinds_of_rounds_names_no_category() -> None:
    """ "General rounds: invite ... any of the three programs" explains the kinds of rounds
    below a draw's figures; it is no key-facts list of the draw."""
    body = (
        "In the latest Express Entry draw held on May 2, 2025, IRCC issued 500 invitations to "
        "candidates in healthcare and social services occupations with CRS scores of 510 or "
        "higher.\nIRCC conducts three types of invitation rounds:\n"
        "- General rounds: Invite top-ranking candidates eligible for any of the three "
        "programs\n- Program-specific rounds: Target candidates eligible for a specific "
        "program (CEC, FSWP, FSTP, or PNP)\n- Category-based rounds: Target candidates with "
        "specific attributes"
    )
    published = datetime(2025, 5, 3, tzinfo=UTC)
    assert read("Latest Express Entry draw", body, published) == ("healthcare", 500, 510)


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        pytest.param(
            "Latest Express Entry draw 258",
            "The IRCC issued 3,800 invitations to applicants in the Express Entry draw 258. "
            "Applicants having a minimum Comprehensive Ranking System score (CRS) of 375 received "
            "an Invitation to Apply (ITA). This draw was for French language proficiency.",
            ("french", 3800, 375),
            id="the cut-off of those who 'received an invitation' is no count",
        ),
        pytest.param(
            "IRCC invites French-speaking candidates",
            "On February 1, IRCC issued invitations in a draw for French language proficiency, "
            "selecting 7,000 candidates with a minimum CRS score of 365. This is the second draw "
            "this week, succeeding the draw on January 31 where 730 candidates were invited.",
            ("french", 7000, 365),
            id="'succeeding the draw' turns to it, as 'following' does",
        ),
        pytest.param(
            "Canada's Express Entry draws prioritize Skilled Trades",
            "IRCC held an Express Entry draw on 18th September 2025, specifically targeting trade "
            "occupations.\nThis is yet another example of category-based selection. This draw "
            "invited 1,250 skilled workers from the trades occupation category. The required CRS "
            "score was 505.",
            ("trade", 1250, 505),
            id="'Skilled Trades' in the title and 'the trades occupation category' name one draw",
        ),
    ],
)
def test_words_of_reworded_and_trade_articles(title: str, body: str, expected: Figures) -> None:
    assert read(title, body, datetime(2025, 9, 19, tzinfo=UTC)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "IRCC conducted a surprise all-program draw on July 4, 2023, inviting 700 candidates "
            "to apply for permanent residency. This draw comes just one day before the expected "
            "invitation of 1,500 healthcare workers and the first STEM draw. The minimum CRS "
            "score required for this draw was 511.",
            ("general", 700, 511),
            id="'this draw' after a sentence about what is expected is the announced draw",
        ),
        pytest.param(
            "IRCC invited 700 candidates in an all-program draw on July 4, 2023.\n"
            "On July 1st, IRCC held a draw for STEM occupations, inviting 500 candidates. The "
            "minimum CRS score required for this round was 517.\n"
            "Candidates needed a CRS score of 511 in the July 4 draw.",
            ("general", 700, 511),
            id="'this round' after a sentence about a dated draw is that draw",
        ),
        pytest.param(
            "IRCC held its first French-language proficiency draw, inviting 2,300 candidates "
            "with a minimum CRS score of 439.\nAnother recent draw targeted candidates with work "
            "experience in healthcare professions. This draw, which took place on July 6, "
            "invited 1,500 candidates.",
            ("french", 2300, 439),
            id="'this draw' after a sentence about another draw is that one",
        ),
        pytest.param(
            "In its first French draw of 2025, IRCC invited 6,500 candidates with French "
            "language proficiency. The draw also saw the CRS cut-off score drop from a previous "
            "466 to just 428.",
            ("french", 6500, 428),
            id="a drop from the previous draw's figure to this one's",
        ),
    ],
)
def test_which_draw_this_draw_is(body: str, expected: Figures) -> None:
    assert read("Express Entry draw", body, datetime(2025, 2, 20, tzinfo=UTC)) == expected


def test_a_title_s_clause_after_a_colon_is_not_what_it_announces() -> None:
    """ "... Draw on December 17, 2025: Canada Issues 6,000 ITAs and Signals a Major Year-End
    Shift": the year-end is the second clause's; the first announces the draw."""
    title = (
        "Massive Express Entry Draw on December 17, 2025: Canada Issues 6,000 ITAs and Signals "
        "a Major Year-End Shift"
    )
    body = (
        "In the Express Entry draw on December 17, 2025, IRCC issued 6,000 Invitations to Apply. "
        "This draw focused on candidates with French language proficiency, with a minimum CRS "
        "score of 399."
    )
    assert read(title, body, datetime(2025, 12, 18, tzinfo=UTC)) == ("french", 6000, 399)


def test_the_provinces_programs_beside_express_entry_name_no_category() -> None:
    """ "The Express Entry and Provincial Nominee Programs issuing nearly 5000 ITAs" speaks of
    two systems: a 2019 draw naming no program of its own is for all programs."""
    body = (
        "It's been a busy year, with the Express Entry and Provincial Nominee Programs issuing "
        "nearly 5000 Invitations to Apply this month.\nThe Express Entry draw of February 20 "
        "issued 3,350 ITAs. The lowest score on the Comprehensive Ranking System (CRS) was 457."
    )
    published = datetime(2019, 2, 22, tzinfo=UTC)
    assert read("Canada issues nearly 5000 ITAs in February", body, published) == (
        "general", 3350, 457,
    )  # fmt: skip


def test_a_week_s_news_review_gives_the_week_s_draw() -> None:
    """A firm's "Weekly News Review" opens with a byline and a word about itself; the draw
    of its week is news, and the year's total it ends with ("issued 46,538 invitations to
    apply (ITA) to Express Entry applicants in 2022") is no count of it."""
    body = (
        "A founding partner of the firm and a skilled litigator, Lev focuses exclusively on "
        "immigration and refugee law.\nExpress Entry draw\n"
        "The lawyers present a news review of Canadian immigration for the last week of April, "
        "summarizing the latest news and changes in immigration policy.\n"
        "On April 26, 2023, IRCC issued 3,500 Invitations to Apply to candidates in the new "
        "all-program Express Entry draw. In this draw, the Comprehensive Ranking System (CRS) "
        "score was 483 points. In total, IRCC has issued 46,538 invitations to apply (ITA) to "
        "Express Entry applicants in 2023."
    )
    published = datetime(2023, 5, 1, tzinfo=UTC)
    assert read("Weekly News Review April 24 - 30, 2023", body, published) == (
        "general", 3500, 483,
    )  # fmt: skip


def _dated(title: str, body: str, published: datetime) -> tuple[object, ...] | None:
    report = extract(title, paragraphs(body), published).main
    if report is None:
        return None
    return report.date, report.category, report.invitations, report.crs


def test_a_draw_the_article_says_had_been_held_before_is_another() -> None:
    """ "IRCC had just held a draw on Monday ..., in which it also invited 1,280": the date
    is the earlier draw's, though a figure is the same as today's."""
    body = (
        "IRCC held a second Express Entry draw in a week today.\n"
        "It invited 1,280 candidates with a Comprehensive Ranking System (CRS) score of at "
        "least 549. No program was specified, meaning candidates of all programs were invited.\n"
        "The department had just held a draw on Monday, April 1, in which it also invited "
        "1,280 candidates."
    )
    published = datetime(2024, 4, 10, 20, tzinfo=UTC)
    assert _dated("IRCC invites 1,280 in today's Express Entry draw", body, published) == (
        date(2024, 4, 10), "general", 1280, 549,
    )  # fmt: skip


def test_with_the_first_being_turns_to_another_draw() -> None:
    """ "..., with the first being the PNP draw on Feb 1st": that date is no date of this
    draw, which, held "today", is the first round for Federal Skilled Workers only."""
    body = (
        "IRCC held its fourth Express Entry draw of 2023 today. It invited 3,300 candidates, "
        "who needed a Comprehensive Ranking System score of 489 or more. It was the second "
        "program-specific draw this year, with the first being the provincial nominee draw on "
        "Feb 1st."
    )
    published = datetime(2023, 2, 2, 21, tzinfo=UTC)
    title = "Canada holds its first draw for Federal Skilled Workers only"
    assert _dated(title, body, published) == (date(2023, 2, 2), "fsw", 3300, 489)


def test_another_program_said_of_this_draw_is_its_rival() -> None:
    """A post calling its draw both all-program and PNP-only, each of "this draw": neither
    is told apart, so the two are rivals, and the stored rounds choose the one whose run
    holds its cut-off (core.reports.by_history)."""
    body = (
        "On February 1, 2023, IRCC issued 893 invitations in the Express Entry draw. The "
        "minimum CRS score was 733. No program was specified for this draw. Only candidates "
        "nominated under the Provincial Nominee Program were invited to this draw."
    )
    report = extract(
        "Express Entry Draw #239", paragraphs(body), datetime(2023, 2, 1, 20, tzinfo=UTC)
    ).main
    assert report is not None and dict(report.alternatives) == {"category": ("general", "pnp")}
    assert not report.alertable
    runs = {"general": (490, 507, 542, 510), "pnp": (743, 741, 748, 720)}
    chosen = by_history(report, History(runs=runs))
    assert (chosen.category, chosen.crs, chosen.invitations, chosen.alertable) == (
        "pnp",
        733,
        893,
        True,
    )


def test_another_program_s_draw_beside_this_draw_is_another_draw() -> None:
    """A sentence that says "this draw" but names another program's draw beside it speaks of
    that draw: its program is no rival for this draw's."""
    body = (
        "On June 11, IRCC invited 3,559 candidates in a Canadian Experience Class draw. The "
        "cut-off was 437 in today's draw.\nThis draw is the second in as many days after "
        "yesterday's PNP-only draw, which saw 341 provincial nominees invited."
    )
    report = extract("Express Entry draw", paragraphs(body), datetime(2020, 6, 11, 20, tzinfo=UTC))
    assert report.main is not None and report.main.alternatives == ()
    assert (report.main.category, report.main.invitations, report.main.crs) == ("cec", 3559, 437)
