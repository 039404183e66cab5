"""The retry helper: the vectors' scenarios, then the rules the scenarios do not reach."""

import asyncio
import io
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest

from fakes import FakeRequest, FakeResponse, response_of
from generated_client import VECTORS, errors, parse, retry

SCENARIOS = [pytest.param(s, id=s["name"]) for s in VECTORS["retry_scenarios"]]
HALF = 0.5  # The scenarios fix `random` to 0.5.


def outcome_of(
    data: Mapping[str, Any], scenario: Mapping[str, Any]
) -> FakeResponse | BaseException:
    """Build an attempt's outcome: a fake response, or the network failure a scenario names.

    When the scenario's request streamed its body, the response keeps a request whose body
    is a file, as a ``requests`` response does.
    """
    if data.get("network_error"):
        return ConnectionRefusedError("connection refused (a scenario's network failure)")
    response = response_of(data)
    body = scenario.get("request", {}).get("body")
    if body == "stream":
        response.request = FakeRequest(body=io.BytesIO(b"audio"))
    elif body is not None:
        msg = f"request body {body!r} is not known to this harness"
        raise AssertionError(msg)
    return response


def request_of(scenario: Mapping[str, Any]) -> dict[str, Any]:
    """Return the helper's request arguments from a scenario.

    That is its method (GET when it names none) and, when it says the request carries one,
    an idempotency key.
    """
    request = scenario.get("request", {})
    key = retry.new_idempotency_key() if request.get("idempotency_key") else None
    return {"method": request.get("method", "GET"), "idempotency_key": key}


class Calls:
    """A call that answers with the given responses (or raises the given errors) in turn."""

    def __init__(self, outcomes: list[FakeResponse | BaseException]) -> None:
        """Answer each attempt with the next outcome."""
        self._outcomes: Iterator[FakeResponse | BaseException] = iter(outcomes)
        self.count = 0

    def __call__(self) -> FakeResponse:
        """Make one attempt."""
        self.count += 1
        outcome = next(self._outcomes)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


def check_outcome(
    expect: Mapping[str, Any], calls: Calls, sleeps: list[float], run: Callable[[], FakeResponse]
) -> None:
    """Run the helper and compare attempts, delays and outcome with ``expect``."""
    if expect["outcome"] == "success":
        assert run().status_code < 400
    elif expect["outcome"] == "network_error":
        with pytest.raises(ConnectionRefusedError):
            run()
    else:
        with pytest.raises(errors.ApiError) as raised:
            run()
        assert raised.value.status == expect["status"]
        if "code" in expect:
            assert str(raised.value.code) == expect["code"]
    assert calls.count == expect["attempts"]
    assert [seconds * 1000 for seconds in sleeps] == pytest.approx(expect["delays_ms"])


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario(scenario: Mapping[str, Any]) -> None:
    """The synchronous helper."""
    calls = Calls([outcome_of(r, scenario) for r in scenario["responses"]])
    sleeps: list[float] = []

    def run() -> FakeResponse:
        return retry.retry_call(
            calls, **request_of(scenario), sleep=sleeps.append, random=lambda: HALF
        )

    check_outcome(scenario["expect"], calls, sleeps, run)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario_async(scenario: Mapping[str, Any]) -> None:
    """The asynchronous helper."""
    calls = Calls([outcome_of(r, scenario) for r in scenario["responses"]])
    sleeps: list[float] = []

    async def call() -> FakeResponse:
        return calls()

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    def run() -> FakeResponse:
        return asyncio.run(
            retry.retry_call_async(call, **request_of(scenario), sleep=sleep, random=lambda: HALF)
        )

    check_outcome(scenario["expect"], calls, sleeps, run)


def test_default_policy_is_the_catalogs() -> None:
    """The policy's defaults are the vectors' retry policy."""
    policy = retry.DEFAULT_RETRY_POLICY
    expected = VECTORS["retry_policy"]
    for name in (
        "max_attempts",
        "initial_delay_ms",
        "multiplier",
        "max_delay_ms",
        "default_retry_after_seconds",
        "max_total_delay_seconds",
        "retry_network_errors",
        "retry_after_cap_seconds",
    ):
        assert getattr(policy, name) == expected[name], name
    assert policy.jitter.value == expected["jitter"]
    assert policy.idempotent_methods == frozenset(expected["idempotent_methods"])


def test_methods_match_ignoring_ascii_case_only() -> None:
    """A policy's methods match in any ASCII case, its own as well; Unicode look-alikes do not."""
    import dataclasses  # noqa: PLC0415 - only this test builds a policy of its own

    policy = dataclasses.replace(retry.RetryPolicy(), idempotent_methods=frozenset({"put", "Get"}))
    assert policy.is_idempotent("PUT")
    assert policy.is_idempotent("put")
    assert policy.is_idempotent("gET")
    assert not policy.is_idempotent("POST")
    # A long s upper-cases to S, a dotless i to I: neither makes a method of the policy's.
    assert not dataclasses.replace(policy, idempotent_methods=frozenset({"OPTIONS"})).is_idempotent(
        "OPTION\u017f"
    )
    assert not dataclasses.replace(
        policy, idempotent_methods=frozenset({"GET", "OPTIONS"})
    ).is_idempotent("OPT\u0131ONS")


def server_error() -> FakeResponse:
    """Return a response whose status the catalog retries with backoff."""
    return FakeResponse(VECTORS["retry_policy"]["backoff_statuses"][0])


@pytest.mark.parametrize(
    ("jitter", "random", "expected_ms"),
    [
        ("none", 0.9, [100, 300, 900, 1000]),
        ("full", 0.5, [50, 150, 450, 500]),
        ("equal", 0.5, [75, 225, 675, 750]),
    ],
)
def test_backoff_grows_caps_and_jitters(jitter: str, random: float, expected_ms: list[int]) -> None:
    """Exponential backoff with the policy's multiplier, cap and jitter."""
    policy = retry.RetryPolicy(
        max_attempts=5,
        initial_delay_ms=100,
        multiplier=3.0,
        max_delay_ms=1000,
        jitter=retry.Jitter(jitter),
        max_total_delay_seconds=3600,
    )
    calls = Calls([server_error() for _ in range(5)])
    sleeps: list[float] = []
    with pytest.raises(errors.ApiError):
        retry.retry_call(
            calls, method="GET", policy=policy, sleep=sleeps.append, random=lambda: random
        )
    assert [s * 1000 for s in sleeps] == pytest.approx(expected_ms)
    assert calls.count == 5


def test_backoff_past_any_float_is_capped() -> None:
    """A huge attempt number gives the cap, not an overflow."""
    policy = retry.RetryPolicy(max_delay_ms=500, jitter=retry.Jitter.NONE)
    assert policy.backoff_ms(100_000, 0.0) == 500


def test_total_delay_budget_stops_early() -> None:
    """A retry whose delay would pass the budget is not made."""
    policy = retry.RetryPolicy(
        max_attempts=10,
        initial_delay_ms=1000,
        multiplier=2.0,
        max_delay_ms=60_000,
        jitter=retry.Jitter.NONE,
        max_total_delay_seconds=7,
    )
    calls = Calls([server_error() for _ in range(10)])
    sleeps: list[float] = []
    with pytest.raises(errors.ApiError):
        retry.retry_call(calls, method="GET", policy=policy, sleep=sleeps.append)
    assert sleeps == [1.0, 2.0, 4.0]  # 1 + 2 + 4 = 7; the next 8 s would pass the budget.
    assert calls.count == 4


def test_network_errors_are_retried_when_the_policy_says_so() -> None:
    """Network failures back off like server errors; the last one is re-raised."""
    policy = retry.RetryPolicy(max_attempts=3, retry_network_errors=True, jitter=retry.Jitter.NONE)
    calls = Calls([ConnectionResetError(), TimeoutError(), FakeResponse(200)])
    sleeps: list[float] = []
    assert (
        retry.retry_call(calls, method="GET", policy=policy, sleep=sleeps.append).status_code == 200
    )
    assert len(sleeps) == 2
    calls = Calls([ConnectionResetError(), ConnectionResetError(), ConnectionResetError()])
    with pytest.raises(ConnectionResetError):
        retry.retry_call(calls, method="GET", policy=policy, sleep=sleeps.append)
    assert calls.count == 3


def test_network_errors_are_not_retried_otherwise() -> None:
    """Without ``retry_network_errors``, the first network failure is raised."""
    policy = retry.RetryPolicy(retry_network_errors=False)
    calls = Calls([ConnectionResetError(), FakeResponse(200)])
    with pytest.raises(ConnectionResetError):
        retry.retry_call(calls, method="GET", policy=policy, sleep=lambda _: None)
    assert calls.count == 1


def test_other_exceptions_pass_through() -> None:
    """An exception that is neither an API nor a network error is not retried."""
    calls = Calls([KeyError("bug"), FakeResponse(200)])
    with pytest.raises(KeyError):
        retry.retry_call(calls, method="GET", sleep=lambda _: None)
    assert calls.count == 1


def test_api_errors_raised_by_the_call_are_retried() -> None:
    """A call may raise the parsed error itself instead of returning the response."""
    status = VECTORS["retry_policy"]["backoff_statuses"][0]
    failure = errors.HttpError(f"HTTP {status}", status=status)
    calls = Calls([failure, FakeResponse(204)])
    hook: list[tuple[int, BaseException, float]] = []
    result = retry.retry_call(
        calls,
        method="GET",
        sleep=lambda _: None,
        random=lambda: HALF,
        on_retry=lambda attempt, error, delay: hook.append((attempt, error, delay)),
    )
    assert result.status_code == 204
    [(attempt, error, delay)] = hook
    assert (attempt, error) == (1, failure)
    assert delay * 1000 == pytest.approx(retry.DEFAULT_RETRY_POLICY.backoff_ms(1, HALF))


def test_single_attempt_policy_never_sleeps() -> None:
    """``max_attempts=1`` makes one attempt and raises its error."""
    calls = Calls([server_error()])
    sleeps: list[float] = []
    with pytest.raises(errors.ApiError):
        retry.retry_call(
            calls, method="GET", policy=retry.RetryPolicy(max_attempts=1), sleep=sleeps.append
        )
    assert (calls.count, sleeps) == (1, [])


def test_a_blank_idempotency_key_is_refused() -> None:
    """An empty key would make the server treat unrelated requests as one."""
    calls = Calls([FakeResponse(204)])
    with pytest.raises(ValueError, match="idempotency_key is blank"):
        retry.retry_call(calls, method="POST", idempotency_key=" ", sleep=lambda _: None)
    assert calls.count == 0


def test_idempotency_keys_are_fresh() -> None:
    """Each logical request gets its own key."""
    keys = {retry.new_idempotency_key() for _ in range(100)}
    assert len(keys) == 100


def test_cancelling_the_async_helper_ends_its_wait() -> None:
    """Cancelling the task (here by a timeout) ends a long Retry-After wait at once."""
    status = VECTORS["retry_policy"]["delay_statuses"][0]
    throttled = FakeResponse(status, headers={parse.RETRY_AFTER_HEADER: "60"})

    async def call() -> FakeResponse:
        return throttled

    async def run() -> None:
        policy = retry.RetryPolicy(max_total_delay_seconds=3600, retry_after_cap_seconds=3600)
        await asyncio.wait_for(
            retry.retry_call_async(call, method="GET", policy=policy), timeout=0.05
        )

    begin = time.monotonic()
    with pytest.raises(TimeoutError):
        asyncio.run(run())
    assert time.monotonic() - begin < 5
