"""Reading news articles about rounds of invitations into draw reports."""

from core.reports import DrawReport
from jobs.news.article import Extraction, extract
from jobs.news.html import html_to_text

__all__ = ["DrawReport", "Extraction", "extract", "html_to_text"]
