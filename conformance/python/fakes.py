"""Stand-ins for HTTP responses of ``requests``, ``httpx`` and the vectors file."""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any


class CaseInsensitiveHeaders(Mapping[str, str]):
    """Headers looked up ignoring case, as ``requests`` and ``httpx`` do."""

    def __init__(self, headers: Mapping[str, str]) -> None:
        """Keep ``headers`` in their original spelling and order."""
        self._items = dict(headers)

    def __getitem__(self, name: str) -> str:
        """Return the first header named ``name``, ignoring case."""
        for key, value in self._items.items():
            if key.lower() == name.lower():
                return value
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        """Iterate over the names as sent."""
        return iter(self._items)

    def __len__(self) -> int:
        """Count the headers."""
        return len(self._items)


@dataclass
class FakeRequest:
    """The request a ``requests`` response keeps: its ``body`` as sent."""

    body: object = None


@dataclass
class FakeResponse:
    """A response with the attributes both ``requests`` and ``httpx`` responses have."""

    status_code: int
    headers: Mapping[str, str] = field(default_factory=dict)
    content: bytes = b""
    request: FakeRequest | None = None


class UnreadResponse(FakeResponse):
    """A streamed ``httpx`` response whose body was never read."""

    @property
    def content(self) -> bytes:
        """Fail like ``httpx.ResponseNotRead``."""
        message = "Attempted to access streaming response content, without having called `read()`."
        raise RuntimeError(message)

    @content.setter
    def content(self, value: bytes) -> None:
        """Ignore the dataclass's initial value."""


def response_of(data: Mapping[str, Any]) -> FakeResponse:
    """Build a fake response from a vectors-file ``response`` object."""
    return FakeResponse(
        status_code=int(data["status"]),
        headers=CaseInsensitiveHeaders(dict(data["headers"])),
        content=str(data["body"]).encode("utf-8"),
    )
