"""Settings: flag > environment variable (CANVAS_TUI_*) > config file (TOML) > default."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

from canvas_tui.paths import user_config_file, user_data_dir

Backend = Literal["local", "openai", "url", "replay"]


class QuickAction(BaseModel):
    """A named fixed request, offered in the app's command palette (Canvas's shortcuts)."""

    name: str
    request: str
    key: str | None = None
    for_code: bool = False


DEFAULT_QUICK_ACTIONS = [
    QuickAction(
        name="Suggest edits", request="Suggest edits: critique this document and comment on specific passages."
    ),
    QuickAction(name="Make it shorter", request="Make the whole document shorter, keeping its meaning."),
    QuickAction(name="Make it longer", request="Make the whole document longer, with more detail."),
    QuickAction(name="Reading level: simpler", request="Rewrite the whole document at a simpler reading level."),
    QuickAction(
        name="Add final polish", request="Add final polish to the whole document: grammar, clarity, consistency."
    ),
    QuickAction(name="Review code", request="Review this code and comment on specific lines.", for_code=True),
    QuickAction(name="Add comments", request="Add explanatory comments to the whole program.", for_code=True),
    QuickAction(name="Add logs", request="Add logging statements to the whole program.", for_code=True),
    QuickAction(name="Fix bugs", request="Fix the bugs in the whole program.", for_code=True),
    QuickAction(name="Port to Python", request="Port the whole program to Python.", for_code=True),
]


class Settings(BaseSettings):
    """Everything a person may set; flags override the environment, which overrides the file."""

    model_config = SettingsConfigDict(env_prefix="CANVAS_TUI_", extra="ignore")

    backend: Backend = "local"
    model: str | None = Field(None, description="model name; each backend has a default")
    base_url: str | None = Field(None, description="OpenAI-compatible base URL for the url backend")
    replay_file: Path | None = Field(None, description="recording served by the replay backend")
    log_path: Path = Field(default_factory=lambda: user_data_dir() / "decisions.sqlite3")
    team_store: SecretStr | None = Field(
        None,
        description="PostgreSQL connection string of the team store; the local "
        "log still takes every write, a background shipper sends it on",
    )
    request_timeout: float = 120.0
    server_start_timeout: float = 120.0
    max_tokens: int = 1024
    max_comments: int = 5
    policy_threshold: float = Field(
        0.5, ge=0.0, le=1.0, description="targeted if P(targeted) >= this; lower = more targeted"
    )
    quick_actions: list[QuickAction] = Field(default_factory=lambda: list(DEFAULT_QUICK_ACTIONS))

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=user_config_file())
        return init_settings, env_settings, toml


def load_settings(**flags: object) -> Settings:
    """Settings with the given command-line flags applied (flags left as None are not applied)."""
    return Settings(**{key: value for key, value in flags.items() if value is not None})
