"""What people call each category, in English and in French, besides its key.

Names are written here as people write them, accents and capitals included. A name and
what a user types are compared folded (:func:`core.categories.slugify`: no accents, no
capitals, any run of spaces or punctuation as one hyphen), so "santé", "Sante" and "SANTÉ"
all name ``healthcare``, and "Catégorie de l'expérience canadienne" names ``cec`` with a
straight or a curly apostrophe. Each key's names include the one the bot itself gives it in
each language (the catalogs' ``category.<key>``), so that a name read in a message can be
typed back.

"Métiers spécialisés" alone is what people call the trade occupations category; the
Federal Skilled Trades program is named with "fédéral" ("métiers spécialisés fédéral",
"programme des métiers spécialisés (fédéral)"), as IRCC names it in French.
"""

# Every draw, whatever its category (core.categories.ALL).
EVERY_DRAW: tuple[str, ...] = ("all", "tous", "toutes")

ENGLISH: dict[str, tuple[str, ...]] = {
    "general": ("all programs", "no program", "no program specified"),
    "cec": ("canadian experience", "canadian experience class"),
    "fsw": ("skilled worker", "federal skilled worker"),
    "fst": ("skilled trades", "federal skilled trades"),
    "pnp": ("provincial", "nominee", "provincial nominee", "provincial nominee program"),
    "french": ("francophone", "fr", "french-language proficiency"),
    "healthcare": (
        "health", "health care", "medical", "social services", "healthcare and social services",
    ),
    "stem": ("science", "tech", "stem occupations"),
    "trade": ("trades", "tradespeople", "trade occupations"),
    "transport": ("transportation", "transport occupations"),
    "agriculture": ("agri", "agri-food", "farming", "agriculture and agri-food"),
    "education": ("teachers", "education occupations"),
    "physicians": ("doctors", "physician", "physicians with canadian work experience"),
    "senior-managers": (
        "managers", "senior manager", "executives", "senior managers with canadian work experience",
    ),
}  # fmt: skip

FRENCH: dict[str, tuple[str, ...]] = {
    "general": (
        "tous programmes", "tous les programmes", "aucun programme", "aucun programme spécifié",
    ),
    "cec": (
        "expérience canadienne", "catégorie expérience canadienne",
        "catégorie de l'expérience canadienne",
    ),
    "fsw": (
        "travailleurs qualifiés", "travailleurs qualifiés fédéral",
        "travailleurs qualifiés du fédéral", "PTQF",
        "programme des travailleurs qualifiés (fédéral)",
    ),
    "fst": (
        "métiers spécialisés fédéral", "métiers spécialisés du fédéral",
        "travailleurs de métiers spécialisés (fédéral)", "PTMSF",
        "programme des métiers spécialisés (fédéral)",
    ),
    "pnp": (
        "candidats des provinces", "PCP", "nomination provinciale", "nominations provinciales",
        "programme des candidats des provinces",
    ),
    "french": (
        "français", "francophone", "francophones", "maîtrise du français",
        "connaissance du français",
    ),
    "healthcare": (
        "santé", "soins de santé", "professions de la santé", "services sociaux",
        "professions de la santé et des services sociaux", "santé et services sociaux",
    ),
    "stem": ("STIM", "sciences", "professions en STIM"),
    "trade": ("métier", "métiers spécialisés", "corps de métiers", "métiers"),
    "transport": ("transports", "professions du transport"),
    "agriculture": ("agroalimentaire", "agriculture et agroalimentaire"),
    "education": ("enseignants", "enseignement", "professions de l'éducation"),
    "physicians": ("médecin", "médecins", "médecins ayant une expérience de travail au Canada"),
    "senior-managers": (
        "cadres", "gestionnaires principaux", "cadres supérieurs",
        "cadres supérieurs ayant une expérience de travail au Canada",
    ),
}  # fmt: skip
