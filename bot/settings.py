"""Configuration, read from the environment (and a .env file) in this one place."""

from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from jobs.provinces.sources import ProvinceUrls

# Immigration news sites that post each draw within the hour, as a second source.
NEWS_FEED_URLS = (
    "https://www.cicnews.com/feed/",
    "https://www.cic-report.com/category/canada/feed/",
)
OFFICIAL_ROUNDS_URL = "https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json"
# The provinces' own pages of their nominee draws (Ontario's, one a year: {year}).
BC_PNP_URL = "https://www.welcomebc.ca/Immigrate-to-B-C/Invitations-To-Apply"
ALBERTA_AAIP_URL = "https://www.alberta.ca/aaip-processing-information"
ONTARIO_OINP_URL = "https://www.ontario.ca/page/{year}-ontario-immigrant-nominee-program-updates"
MANITOBA_MPNP_FEED_URL = "https://immigratemanitoba.com/feed/"
IRCC_FLPT_URL = "https://www.canada.ca/content/dam/ircc/documents/json/flpt-en.json"


class Settings(BaseSettings):
    """Every setting the bot reads; see the README's configuration table."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    database_url: str = "sqlite+aiosqlite:///ee-drawbot.sqlite3"
    ircc_rounds_url: str = OFFICIAL_ROUNDS_URL
    feed_urls: Annotated[list[str], NoDecode] = Field(default_factory=lambda: [*NEWS_FEED_URLS])
    bc_pnp_url: str = BC_PNP_URL
    alberta_aaip_url: str = ALBERTA_AAIP_URL
    ontario_oinp_url: str = ONTARIO_OINP_URL
    manitoba_mpnp_feed_url: str = MANITOBA_MPNP_FEED_URL
    ircc_flpt_url: str = IRCC_FLPT_URL  # processing times; empty: not polled
    flpt_poll_seconds: float = Field(default=3600, ge=60)  # editions come monthly
    poll_interval_seconds: float = Field(default=60, ge=5)
    poll_idle_interval_seconds: float | None = Field(default=None, ge=5)  # default: 5x the above
    official_stale_seconds: float = Field(default=1800, ge=60)
    send_interval_seconds: float = Field(default=10, ge=1)
    outbox_claim_seconds: float = Field(default=60, ge=2)
    # A draw's fan-out to this many chats or more goes as paid broadcasts (0.1 Star each).
    allow_paid_broadcast: bool = False
    paid_broadcast_min_chats: int = Field(default=1000, ge=1)
    admin_chat_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    log_level: str = "INFO"
    webhook_url: str = ""  # set: receive updates by webhook at WEBHOOK_URL/telegram
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    port: int = Field(default=8443, gt=0, lt=65536)
    # set: the Mini App is on, Telegram opening it at this public HTTPS address; served on
    # WEB_APP_LISTEN:WEB_APP_PORT, or with webhooks by the webhook's server (LISTEN:PORT)
    web_app_url: str = ""
    web_app_listen: str = "0.0.0.0"
    web_app_port: int = Field(default=8080, gt=0, lt=65536)
    http_timeout_seconds: float = Field(default=20, gt=0)
    http_max_bytes: int = Field(default=5_000_000, gt=0)

    @field_validator("feed_urls", mode="before")
    @classmethod
    def _split_urls(cls, value: object) -> object:
        return _split(value)

    @field_validator("admin_chat_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(item) for item in value.split(",") if item.strip()]
        return value

    @field_validator("web_app_url")
    @classmethod
    def _https(cls, value: str) -> str:
        if value and not value.startswith("https://"):
            raise ValueError("WEB_APP_URL must be an https:// address: Telegram opens no other")
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError("LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @property
    def provinces(self) -> ProvinceUrls:
        """Where each province's source is (empty: not polled)."""
        return ProvinceUrls(
            self.bc_pnp_url, self.alberta_aaip_url, self.ontario_oinp_url,
            self.manitoba_mpnp_feed_url,
        )  # fmt: skip

    @property
    def idle_interval(self) -> float:
        """Seconds between polls outside the draw window."""
        return self.poll_idle_interval_seconds or 5 * self.poll_interval_seconds

    def secrets(self) -> list[str]:
        """Values that must never reach the logs."""
        held = (self.telegram_bot_token, self.webhook_secret)
        return [secret.get_secret_value() for secret in held if secret is not None]

    def token(self) -> str:
        """The bot token; raises if it is not set (only the service needs it)."""
        if self.telegram_bot_token is None or not self.telegram_bot_token.get_secret_value():
            raise MissingToken
        return self.telegram_bot_token.get_secret_value()


class MissingToken(RuntimeError):
    def __init__(self) -> None:
        super().__init__(
            "TELEGRAM_BOT_TOKEN is not set: ask @BotFather for a token and set it in the "
            "environment or in .env"
        )


def _split(value: object) -> object:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value
