"""One async model client on the openai SDK for every backend: local, openai, url, replay."""

from canvas_tui.llm.errors import ModelError, ModelTimeout, ModelUnavailable
from canvas_tui.llm.types import ModelExchange, ModelRequest, StructuredReply

__all__ = ["ModelError", "ModelExchange", "ModelRequest", "ModelTimeout", "ModelUnavailable", "StructuredReply"]
