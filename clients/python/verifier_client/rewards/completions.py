"""The text of a completion as trainers hand it over: a string, or chat messages."""

from __future__ import annotations

from typing import Any


def completion_text(completion: Any) -> str:
    """A string as it is; for chat messages, the content of the last assistant message.

    Only the assistant's own words are scored: in a tool-using conversation, a tool's output (text the policy may have
    steered) is not the answer. No assistant message gives "" (the service scores that as no answer: 0).
    """
    if isinstance(completion, str):
        return completion
    if isinstance(completion, dict):
        return _content(completion.get("content"))
    if isinstance(completion, (list, tuple)):
        for message in reversed(completion):
            if isinstance(message, dict) and message.get("role", "assistant") == "assistant":
                return _content(message.get("content"))
        return ""
    raise TypeError(f"a completion must be a string or chat messages, not {type(completion).__name__}")


def _content(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    # Multimodal chat content: a list of parts, of which the text parts count.
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict) and part.get("type", "text") == "text")
    return str(content)
