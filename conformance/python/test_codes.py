"""The code list, categories and status table against the vectors' copy of the catalog."""

from generated_client import VECTORS, codes, details, errors


def test_every_code_with_its_facts() -> None:
    """Status, category, title, retryability, retry mode, doc URL and gRPC status of every code."""
    expected = {entry["code"]: entry for entry in VECTORS["codes"]}
    assert {code.value for code in codes.ErrorCode} == set(expected)
    for code in codes.ErrorCode:
        entry = expected[code.value]
        assert code.status == entry["status"]
        assert code.category.value == entry["category"]
        assert code.info.title == entry["title"]
        assert code.retryable == entry["retryable"]
        assert code.retry.value == entry["retry"]
        assert code.doc_url == code.info.doc_url == entry["doc_url"]
        assert code.grpc_status == code.info.grpc_status == entry["grpc_status"]
        assert code.info is codes.CODE_INFO[code]


def test_every_code_and_category_has_its_class() -> None:
    """One exception class per code, under its category's base class."""
    assert set(errors.ERROR_CLASSES) == set(codes.ErrorCode)
    assert set(errors.CATEGORY_CLASSES) == set(codes.ErrorCategory)
    for code, cls in errors.ERROR_CLASSES.items():
        assert issubclass(cls, errors.CATEGORY_CLASSES[code.category])
        assert cls.__doc__
    for category, base in errors.CATEGORY_CLASSES.items():
        assert base.__bases__ == (errors.ApiError,)
        assert codes.CATEGORY_TITLES[category]
    assert len(set(errors.ERROR_CLASSES.values())) == len(errors.ERROR_CLASSES)


def test_details_types_are_frozen_dataclasses() -> None:
    """Every typed details class is a frozen dataclass deriving from ErrorDetails."""
    for cls in details.DETAILS_TYPES.values():
        assert issubclass(cls, details.ErrorDetails)
        assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_status_table_is_sorted_and_consistent() -> None:
    """Every code's status is in the status table."""
    assert list(codes.HTTP_STATUSES) == sorted(codes.HTTP_STATUSES)
    for status, row in codes.HTTP_STATUSES.items():
        assert row.status == status
    for code in codes.ErrorCode:
        assert code.status in codes.HTTP_STATUSES
