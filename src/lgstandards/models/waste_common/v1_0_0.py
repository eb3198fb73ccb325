# Typed models of waste-common@1.0.0, generated from https://schemas.lgstandards.org/waste-common/1.0.0/schema.json
# by `python -m lgstandards.models.build` with datamodel-code-generator 0.89.0.
# Do not edit: change the schema and regenerate; a test fails when this file drifts.
# The generator's code is not held to this project's lint and strict typing (its runtime
# validators and constr() in unions fail them); tests import and use every module.
# mypy: ignore-errors
# ruff: noqa

from __future__ import annotations

from collections.abc import Mapping as _Mapping
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from lgstandards.models._compat import MISSING
from lgstandards.models.base import StandardModel
from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator


class _JsonSchemaRuntimeValidationBase(BaseModel):
    __json_schema_unique_items__: ClassVar[tuple[tuple[object, ...], ...]] = ()

    @model_validator(mode='before')
    @classmethod
    def _validate_json_schema_runtime_rules(cls, data: Any) -> Any:
        data = cls._validate_json_schema_unique_items(data)
        return data

    @classmethod
    def _validate_json_schema_unique_items(cls, data: Any) -> Any:
        if not (unique_item_paths := cls.__json_schema_unique_items__):
            return data
        for path in unique_item_paths:
            cls._validate_json_schema_unique_items_path(data, path, 0)
        return data

    @classmethod
    def _validate_json_schema_unique_items_path(
        cls,
        value: Any,
        path: tuple[object, ...],
        position: int,
    ) -> None:
        if position == len(path):
            cls._validate_json_schema_unique_array(value)
            return

        match path[position]:
            case None:
                if not isinstance(value, (list, tuple)):
                    return
                for item in value:
                    cls._validate_json_schema_unique_items_path(item, path, position + 1)
            case ('__json_schema_array_tail__', int() as start):
                if not isinstance(value, (list, tuple)) or start >= len(value):
                    return
                for index in range(start, len(value)):
                    cls._validate_json_schema_unique_items_path(value[index], path, position + 1)
            case int() as index:
                if isinstance(value, (list, tuple)) and index < len(value):
                    cls._validate_json_schema_unique_items_path(value[index], path, position + 1)
            case '__json_schema_mapping_values__':
                if not (isinstance(value, dict) or isinstance(value, _Mapping)):
                    return
                for item in value.values():
                    cls._validate_json_schema_unique_items_path(item, path, position + 1)
            case tuple() as input_names:
                if not (isinstance(value, dict) or isinstance(value, _Mapping)):
                    return
                for name in input_names:
                    if name in value:
                        cls._validate_json_schema_unique_items_path(value[name], path, position + 1)
                        return

    @classmethod
    def _validate_json_schema_unique_array(cls, value: Any) -> None:
        if not isinstance(value, (list, tuple)) or len(value) < 2:
            return

        scalar_items: set[object] | None = None
        structural_items: dict[int, list[Any]] | None = None
        opaque_items: list[Any] | None = None
        for item in value:
            match item:
                case None | bool() | int() | float() | str():
                    item_key = (bool, item) if isinstance(item, bool) else item
                    if scalar_items is None:
                        scalar_items = {item_key}
                    elif item_key in scalar_items:
                        raise ValueError('Array items must be unique')
                    else:
                        scalar_items.add(item_key)
                    if (
                        structural_items is not None
                        and (candidates := structural_items.get(cls._json_schema_unique_items_fingerprint(item)))
                        and any(cls._json_schema_unique_items_equal(item, candidate) for candidate in candidates)
                    ):
                        raise ValueError('Array items must be unique')
                    if (
                        not isinstance(item, bool)
                        and opaque_items is not None
                        and any(
                            cls._json_schema_unique_items_equal_in_either_direction(item, candidate)
                            for candidate in opaque_items
                        )
                    ):
                        raise ValueError('Array items must be unique')
                    continue
                case list() | tuple() | dict() | _Mapping():
                    fingerprint = cls._json_schema_unique_items_fingerprint(item)
                case _:
                    if scalar_items is not None:
                        for scalar_item in scalar_items:
                            scalar_candidate = scalar_item[1] if isinstance(scalar_item, tuple) else scalar_item
                            if not isinstance(scalar_candidate, bool) and cls._json_schema_unique_items_equal_in_either_direction(
                                item, scalar_candidate
                            ):
                                raise ValueError('Array items must be unique')
                    fingerprint = cls._json_schema_unique_items_fingerprint(item)
            if fingerprint is None:
                if structural_items is not None and any(
                    cls._json_schema_unique_items_equal_in_either_direction(item, candidate)
                    for candidates in structural_items.values()
                    for candidate in candidates
                ):
                    raise ValueError('Array items must be unique')
                if opaque_items is not None and any(
                    cls._json_schema_unique_items_equal_in_either_direction(item, candidate)
                    for candidate in opaque_items
                ):
                    raise ValueError('Array items must be unique')
                if opaque_items is None:
                    opaque_items = [item]
                else:
                    opaque_items.append(item)
                continue
            if opaque_items is not None and any(
                cls._json_schema_unique_items_equal_in_either_direction(item, candidate)
                for candidate in opaque_items
            ):
                raise ValueError('Array items must be unique')
            if structural_items is None:
                structural_items = {fingerprint: [item]}
                continue
            if (candidates := structural_items.get(fingerprint)) is None:
                structural_items[fingerprint] = [item]
                continue
            if any(cls._json_schema_unique_items_equal(item, candidate) for candidate in candidates):
                raise ValueError('Array items must be unique')
            candidates.append(item)

    @classmethod
    def _json_schema_unique_items_fingerprint(cls, value: Any) -> int | None:
        match value:
            case None:
                return 0x17
            case bool() as boolean:
                return 0x1F if boolean else 0x1D
            case int() | float() as number:
                return hash(number)
            case str() as string:
                return hash(string)
            case list() | tuple() as array:
                fingerprint = 0x4F
                for item in array:
                    if (item_fingerprint := cls._json_schema_unique_items_fingerprint(item)) is None:
                        return None
                    fingerprint = hash((fingerprint * 1000003) ^ item_fingerprint)
                return hash(fingerprint ^ len(array))
            case dict() | _Mapping() as object_:
                fingerprint = 0x61
                for key, item in object_.items():
                    if (item_fingerprint := cls._json_schema_unique_items_fingerprint(item)) is None:
                        return None
                    fingerprint ^= hash((key, item_fingerprint))
                return hash(fingerprint ^ len(object_))
            case _:
                return cls._json_schema_unique_items_safe_hash(value)

    @classmethod
    def _json_schema_unique_items_equal(cls, left: Any, right: Any) -> bool:
        match left:
            case None:
                return right is None
            case bool() as boolean:
                return isinstance(right, bool) and boolean == right
            case int() | float() as number:
                if isinstance(right, bool):
                    return False
                if isinstance(right, (int, float)):
                    return number == right
                return cls._json_schema_unique_items_safe_equal(number, right)
            case str() as string:
                if isinstance(right, str):
                    return string == right
                return cls._json_schema_unique_items_safe_equal(string, right)
            case list() | tuple() as array:
                return (
                    isinstance(right, (list, tuple))
                    and len(array) == len(right)
                    and all(
                        cls._json_schema_unique_items_equal(item, other)
                        for item, other in zip(array, right, strict=True)
                    )
                )
            case dict() | _Mapping() as object_:
                if not (
                    isinstance(right, dict) or isinstance(right, _Mapping)
                ) or len(object_) != len(right):
                    return False
                return all(
                    key in right and cls._json_schema_unique_items_equal(item, right[key])
                    for key, item in object_.items()
                )
        return cls._json_schema_unique_items_safe_equal(left, right)

    @classmethod
    def _json_schema_unique_items_safe_hash(cls, value: Any) -> int | None:
        try:
            return hash(value)
        except Exception:  # noqa: BLE001
            return None

    @classmethod
    def _json_schema_unique_items_safe_equal(cls, left: Any, right: Any) -> bool:
        try:
            comparison = left == right
        except Exception:  # noqa: BLE001
            return False
        return comparison if type(comparison) is bool else False

    @classmethod
    def _json_schema_unique_items_equal_in_either_direction(cls, left: Any, right: Any) -> bool:
        return cls._json_schema_unique_items_equal(left, right) or cls._json_schema_unique_items_equal(right, left)


class TimeBand(StandardModel):
    """
    The part of the day the crew comes, where the council says: from a start time, and until an end time when it gives one.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    start_time: Annotated[
        str,
        Field(
            description="The earliest time the crew comes, such as '06:00'.",
            pattern='^([01][0-9]|2[0-3]):[0-5][0-9]$',
            title='From',
        ),
    ]
    end_time: Annotated[
        str | MISSING,
        Field(
            description="The latest time the crew comes, such as '14:00'; after start_time on the same day.",
            pattern='^([01][0-9]|2[0-3]):[0-5][0-9]$',
            title='Until',
        ),
    ] = MISSING
    description: Annotated[
        str | MISSING,
        Field(
            description="The time band in the council's words, such as 'Put your bin out by 6am'.",
            max_length=200,
            min_length=1,
            title='Description',
        ),
    ] = MISSING


class WasteStream(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description='A kind of household waste, such as glass or food waste.',
            pattern='^[a-z][a-z0-9_]{0,49}$',
            title='Waste stream',
        ),
    ]


class ChangeReason(StrEnum):
    """
    Why a collection moved, was cancelled or was added, or why a schedule changed.
    """

    bank_holiday = 'bank_holiday'
    christmas = 'christmas'
    weather = 'weather'
    industrial_action = 'industrial_action'
    round_change = 'round_change'
    operational = 'operational'
    other = 'other'


class PricingScheme(StrEnum):
    """
    How the price of a booked collection is worked out.
    """

    free = 'free'
    flat = 'flat'
    per_item = 'per_item'
    banded = 'banded'
    banded_pops = 'banded_pops'


class ChargePeriod(StrEnum):
    """
    What one payment buys, such as a year of subscription.
    """

    one_off = 'one_off'
    per_collection = 'per_collection'
    per_item = 'per_item'
    per_month = 'per_month'
    per_year = 'per_year'


class WasteCommon(_JsonSchemaRuntimeValidationBase, StandardModel):
    """
    Definitions and codelists that the waste standards share, so that each is written once: waste streams, container types, change reasons, pricing schemes, charge periods, payment methods, source systems, local identifiers, references, recurrence rules and time bands. Other standards reference them with $ref.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    __json_schema_unique_items__: ClassVar[tuple[tuple[object, ...], ...]] = (
        (('waste_streams',),),
    )

    field_schema: Annotated[
        str | MISSING,
        Field(
            alias='$schema',
            description='The URI of the schema this record follows: a version of this standard, or an extension or profile of it. Validators may use it to choose the version.',
            pattern='^https?://',
            title='Schema',
        ),
    ] = MISSING
    local_id: Annotated[
        str | MISSING,
        Field(
            description="An identifier the publisher assigns, unique within the document: letters, digits, '.', '_', ':' or '-', starting with a letter or digit.",
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Local identifier',
        ),
    ] = MISSING
    reference: Annotated[
        str | MISSING,
        Field(
            description="A reference the council gives to a case so that residents and staff can quote it: letters, digits, '/', '_' or '-', starting with a letter or digit.",
            pattern='^[A-Za-z0-9][A-Za-z0-9/_-]{0,49}$',
            title='Reference',
        ),
    ] = MISSING
    rrule: Annotated[
        str | MISSING,
        Field(
            description="How often the service comes, as an RFC 5545 recurrence rule (the value of an iCalendar RRULE, without the 'RRULE:' prefix). This standard accepts a conservative subset: FREQ first, then any of INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS and WKST in that order, then at most one of UNTIL (a date written YYYYMMDD, since the schedule starts on a date) and COUNT.",
            examples=['FREQ=WEEKLY;BYDAY=TU', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', 'FREQ=WEEKLY;INTERVAL=3;BYDAY=MO', 'FREQ=MONTHLY;BYDAY=1WE'],
            pattern='^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;INTERVAL=[1-9][0-9]?)?(;BYDAY=(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)(,(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU))*)?(;BYMONTHDAY=-?([1-9]|[12][0-9]|3[01])(,-?([1-9]|[12][0-9]|3[01]))*)?(;BYMONTH=([1-9]|1[0-2])(,([1-9]|1[0-2]))*)?(;BYSETPOS=-?[1-5])?(;WKST=(MO|TU|WE|TH|FR|SA|SU))?(;(UNTIL=20[0-9]{2}((0[13578]|1[02])(0[1-9]|[12][0-9]|3[01])|(0[469]|11)(0[1-9]|[12][0-9]|30)|02(0[1-9]|1[0-9]|2[0-9]))|COUNT=[1-9][0-9]{0,2}))?$',
            title='Recurrence rule',
        ),
    ] = MISSING
    time: Annotated[
        str | MISSING,
        Field(
            description='A time of day in 24-hour hours and minutes, UK local time.',
            pattern='^([01][0-9]|2[0-3]):[0-5][0-9]$',
            title='Time of day',
        ),
    ] = MISSING
    time_band: Annotated[
        TimeBand | MISSING,
        Field(
            description='The part of the day the crew comes, where the council says: from a start time, and until an end time when it gives one.',
            title='Time band',
        ),
    ] = MISSING
    url: Annotated[
        str | MISSING,
        Field(
            description='An https web address.',
            max_length=2000,
            pattern='^https://[^\\s]+$',
            title='Web address',
        ),
    ] = MISSING
    waste_stream: Annotated[
        str | MISSING,
        Field(
            description='A kind of household waste, such as glass or food waste.',
            pattern='^[a-z][a-z0-9_]{0,49}$',
            title='Waste stream',
        ),
    ] = MISSING
    waste_streams: Annotated[
        list[WasteStream] | MISSING,
        Field(
            description="The kinds of waste a service collects or a container takes, each listed once: a combined service such as 'Glass, plastics, cans and cartons' lists glass, plastics, metals and cartons.",
            min_length=1,
            title='Waste streams',
        ),
    ] = MISSING
    container_kind: Annotated[
        str | MISSING,
        Field(
            description='The kind of container, such as a wheeled bin or a box.',
            pattern='^[a-z][a-z0-9_]{0,49}$',
            title='Kind of container',
        ),
    ] = MISSING
    change_reason: Annotated[
        ChangeReason | MISSING,
        Field(
            description='Why a collection moved, was cancelled or was added, or why a schedule changed.',
            title='Change reason',
        ),
    ] = MISSING
    pricing_scheme: Annotated[
        PricingScheme | MISSING,
        Field(
            description='How the price of a booked collection is worked out.',
            title='Pricing scheme',
        ),
    ] = MISSING
    charge_period: Annotated[
        ChargePeriod | MISSING,
        Field(
            description='What one payment buys, such as a year of subscription.',
            title='Charge period',
        ),
    ] = MISSING
    payment_method: Annotated[
        str | MISSING,
        Field(
            description='How the resident paid.',
            pattern='^[a-z][a-z0-9_]{0,49}$',
            title='Payment method',
        ),
    ] = MISSING
    payment_reference: Annotated[
        str | MISSING,
        Field(
            description="The council's or payment provider's reference for a payment, such as a GOV.UK Pay or Capita payment id. Never a card number or any other card data.",
            max_length=100,
            min_length=1,
            title='Payment reference',
        ),
    ] = MISSING
    source_system: Annotated[
        str | MISSING,
        Field(
            description="The back-office system the data was taken from, such as 'echo'.",
            pattern='^[a-z][a-z0-9_]{0,49}$',
            title='Source system',
        ),
    ] = MISSING