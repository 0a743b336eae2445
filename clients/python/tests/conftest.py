from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fake_service import FakeService  # noqa: E402
from verifier_client import ClientOptions, VerifierClient  # noqa: E402


@pytest.fixture
def fake() -> Iterator[FakeService]:
    service = FakeService()
    yield service
    service.close()


class Sleeps:
    """Records the delays the client asked for instead of waiting them out."""

    def __init__(self) -> None:
        self.delays: List[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def client_for(sleeps: Sleeps):
    def make(*urls: str, **options) -> VerifierClient:
        return VerifierClient(list(urls), "test-key", ClientOptions(**options), sleep=sleeps)
    return make


@pytest.fixture(scope="session")
def live_service() -> Tuple[str, str]:
    """The real service's URL and key, from VERIFIER_URL and VERIFIER_API_KEY. Without them the integration tests skip,
    unless VERIFIER_REQUIRE_SERVICE=1 (as the .NET test that starts the service sets), where a skip would hide a failure."""
    url, key = os.environ.get("VERIFIER_URL"), os.environ.get("VERIFIER_API_KEY")
    if not url or not key:
        message = "integration tests need VERIFIER_URL and VERIFIER_API_KEY (a running verifier service)"
        if os.environ.get("VERIFIER_REQUIRE_SERVICE") == "1":
            pytest.fail(message + ", and VERIFIER_REQUIRE_SERVICE=1 forbids skipping them")
        pytest.skip(message)
    return url, key


@pytest.fixture(scope="session")
def live(live_service: Tuple[str, str]) -> VerifierClient:
    return VerifierClient(*live_service)
