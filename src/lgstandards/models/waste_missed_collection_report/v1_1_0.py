# Typed models of waste-missed-collection-report@1.1.0, generated from https://schemas.lgstandards.org/waste-missed-collection-report/1.1.0/schema.json
# by `python -m lgstandards.models.build` with datamodel-code-generator 0.89.0.
# Do not edit: change the schema and regenerate; a test fails when this file drifts.
# The generator's code is not held to this project's lint and strict typing (its runtime
# validators and constr() in unions fail them); tests import and use every module.
# mypy: ignore-errors
# ruff: noqa

from __future__ import annotations

from collections.abc import Mapping as _Mapping
from datetime import date
from enum import Enum, StrEnum
from typing import Annotated, Any, ClassVar, Literal

from lgstandards.models._compat import MISSING
from lgstandards.models.base import StandardModel
from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StrictBool,
    StrictFloat,
    model_validator,
)


class _JsonSchemaRuntimeValidationBase(BaseModel):
    __json_schema_one_of_required_groups__: ClassVar[tuple[Any, ...]] = ()
    __json_schema_any_of_required_groups__: ClassVar[tuple[Any, ...]] = ()
    __json_schema_conditional_required__: ClassVar[tuple[Any, ...]] = ()
    __json_schema_unique_items__: ClassVar[tuple[tuple[object, ...], ...]] = ()

    @model_validator(mode='before')
    @classmethod
    def _validate_json_schema_runtime_rules(cls, data: Any) -> Any:
        data = cls._validate_json_schema_unique_items(data)
        data = cls._validate_json_schema_required_groups(
            data,
            required_group_rules=cls.__json_schema_one_of_required_groups__,
            require_exactly_one=True,
        )
        data = cls._validate_json_schema_required_groups(
            data,
            required_group_rules=cls.__json_schema_any_of_required_groups__,
            require_exactly_one=False,
        )
        data = cls._validate_json_schema_conditional_required(data)
        return data

    @classmethod
    def _validate_json_schema_required_groups(
        cls,
        data: Any,
        *,
        required_group_rules: tuple[Any, ...],
        require_exactly_one: bool,
    ) -> Any:
        if not required_group_rules:
            return data
        if not (isinstance(data, dict) or isinstance(data, _Mapping)):
            return data
        for required_groups in required_group_rules:
            matches = sum(
                all(any(name in data for name in names) for names in group)
                for group in required_groups
            )
            if require_exactly_one:
                if matches != 1:
                    raise ValueError(
                        'Expected exactly one required property group to be present'
                    )
            elif matches == 0:
                raise ValueError(
                    'Expected at least one required property group to be present'
                )
        return data

    @classmethod
    def _validate_json_schema_conditional_required(cls, data: Any) -> Any:
        if not (isinstance(data, dict) or isinstance(data, _Mapping)):
            return data
        for rule in cls.__json_schema_conditional_required__:
            condition_matches = all(
                any(
                    name in data
                    and (
                        not expected
                        or data[name] in expected
                    )
                    for name in names
                )
                for names, expected in rule['condition']
            )
            required_groups = (
                rule['then_required_groups']
                if condition_matches
                else rule['else_required_groups']
            )
            for group in required_groups:
                if all(any(name in data for name in names) for names in group):
                    continue
                raise ValueError('Conditional required properties are missing')
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


class Reason(StrEnum):
    """
    What the resident says went wrong.
    """

    not_collected = 'not_collected'
    partly_collected = 'partly_collected'
    street_missed = 'street_missed'
    assisted_collection_missed = 'assisted_collection_missed'
    container_not_returned = 'container_not_returned'
    spillage_left = 'spillage_left'
    other = 'other'


class Status(StrEnum):
    """
    Where the report is now. The codelist gives the Open311 status for each.
    """

    submitted = 'submitted'
    investigating = 'investigating'
    return_scheduled = 'return_scheduled'
    collected = 'collected'
    not_upheld = 'not_upheld'
    duplicate = 'duplicate'
    cancelled = 'cancelled'


class Status1(StrEnum):
    """
    The status the report moved to.
    """

    submitted = 'submitted'
    investigating = 'investigating'
    return_scheduled = 'return_scheduled'
    collected = 'collected'
    not_upheld = 'not_upheld'
    duplicate = 'duplicate'
    cancelled = 'cancelled'


class Rrule(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="How often the service comes, as an RFC 5545 recurrence rule (the value of an iCalendar RRULE, without the 'RRULE:' prefix). This standard accepts a conservative subset: FREQ first, then any of INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS and WKST in that order, then at most one of UNTIL (a date written YYYYMMDD, since the schedule starts on a date) and COUNT.",
            examples=['FREQ=WEEKLY;BYDAY=TU', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', 'FREQ=WEEKLY;INTERVAL=3;BYDAY=MO', 'FREQ=MONTHLY;BYDAY=1WE'],
            pattern='^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;INTERVAL=[1-9][0-9]?)?(;BYDAY=(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)(,(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU))*)?(;BYMONTHDAY=-?([1-9]|[12][0-9]|3[01])(,-?([1-9]|[12][0-9]|3[01]))*)?(;BYMONTH=([1-9]|1[0-2])(,([1-9]|1[0-2]))*)?(;BYSETPOS=-?[1-5])?(;WKST=(MO|TU|WE|TH|FR|SA|SU))?(;(UNTIL=20[0-9]{2}((0[13578]|1[02])(0[1-9]|[12][0-9]|3[01])|(0[469]|11)(0[1-9]|[12][0-9]|30)|02(0[1-9]|1[0-9]|2[0-9]))|COUNT=[1-9][0-9]{0,2}))?$',
            title='Recurrence rule',
        ),
    ]


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


class Url(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description='An https web address.',
            max_length=2000,
            pattern='^https://[^\\s]+$',
            title='Web address',
        ),
    ]


class WasteStream(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description='A kind of household waste, such as glass or food waste.',
            pattern='^[a-z][a-z0-9_]{0,49}$',
            title='Waste stream',
        ),
    ]


class ContainerKind(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description='The kind of container, such as a wheeled bin or a box.',
            pattern='^[a-z][a-z0-9_]{0,49}$',
            title='Kind of container',
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


class PaymentMethod(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description='How the resident paid.',
            pattern='^[a-z][a-z0-9_]{0,49}$',
            title='Payment method',
        ),
    ]


class PaymentReference(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="The council's or payment provider's reference for a payment, such as a GOV.UK Pay or Capita payment id. Never a card number or any other card data.",
            max_length=100,
            min_length=1,
            title='Payment reference',
        ),
    ]


class Usrn(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description='Unique Street Reference Number from the National Street Gazetteer: 1 to 8 digits, written as a string.',
            examples=['21900653'],
            pattern='^[0-9]{1,8}$',
            title='USRN',
        ),
    ]


class GssCode(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description='An ONS Government Statistical Service code: a country letter, two digits naming the kind of area, and six digits.',
            examples=['E07000223', 'E10000032'],
            pattern='^[EKLMNSW][0-9]{8}$',
            title='GSS code',
        ),
    ]


class Council(_JsonSchemaRuntimeValidationBase, StandardModel):
    """
    A council or other public authority, named by its GSS code and/or its planning.data.gov.uk organisation identifier (joint waste authorities have no council GSS code), with its name where known.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )

    __json_schema_any_of_required_groups__: ClassVar[tuple[Any, ...]] = (
        ((('gss_code',),), (('organisation',),)),
    )

    gss_code: Annotated[
        str | MISSING,
        Field(
            description="The council's GSS code, such as E07000223.",
            examples=['E07000223', 'E10000032', 'E09000033', 'E47000001', 'E60000325', 'W06000015', 'S12000036', 'N09000003'],
            pattern='^(E0[6-9]|E1[0-2]|E26|E47|E51|E60|W06|W18|S12|S21|N09)[0-9]{6}$',
            title='Council GSS code',
        ),
    ] = MISSING
    organisation: Annotated[
        str | MISSING,
        Field(
            description='The organisation identifier, such as local-authority:ADU or waste-authority:NLWA.',
            examples=['local-authority:BIR', 'local-authority:GMCA', 'national-park-authority:Q72617158', 'development-corporation:Q6670544', 'government-organisation:D1342', 'local-planning-group:WDO-WEY'],
            max_length=100,
            pattern='^(local-authority|local-authority-eng|local-planning-authority|local-planning-group|national-park-authority|development-corporation|waste-authority|government-organisation|public-authority|regional-park-authority|passenger-transport-executive|nonprofit):[A-Za-z0-9]+(-[A-Za-z0-9]+)*$',
            title='Organisation identifier',
        ),
    ] = MISSING
    name: Annotated[
        str | MISSING,
        Field(
            description="The council's name, as people know it.",
            max_length=200,
            min_length=1,
            title='Council name',
        ),
    ] = MISSING


class Address(_JsonSchemaRuntimeValidationBase, StandardModel):
    """
    A BS 7666-style address: secondary and primary addressable objects, street, locality, town and postcode. A house name or number with a town or locality and a street or postcode is enough (rural and named properties often have no street); an address held only as one line may give single_line alone.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )

    __json_schema_conditional_required__: ClassVar[tuple[Any, ...]] = (
        {
            'condition': ((('single_line',), ()),),
            'then_required_groups': (),
            'else_required_groups': ((('paon',),),),
        },
    )

    saon: Annotated[
        str | MISSING,
        Field(
            description="The flat, unit or part of a building, such as 'Flat 2'.",
            max_length=100,
            min_length=1,
            title='Secondary addressable object',
        ),
    ] = MISSING
    paon: Annotated[
        str | MISSING,
        Field(
            description="The building number, range or name, such as '12' or '12-14' or 'Rose Cottage'.",
            max_length=100,
            min_length=1,
            title='Primary addressable object',
        ),
    ] = MISSING
    street: Annotated[
        str | MISSING,
        Field(
            description='The street description from the street gazetteer.',
            max_length=100,
            min_length=1,
            title='Street',
        ),
    ] = MISSING
    locality: Annotated[
        str | MISSING,
        Field(
            description='The locality, village or district within the town.',
            max_length=100,
            min_length=1,
            title='Locality',
        ),
    ] = MISSING
    town: Annotated[
        str | MISSING,
        Field(description='The town or city.', max_length=100, min_length=1, title='Town'),
    ] = MISSING
    administrative_area: Annotated[
        str | MISSING,
        Field(
            description='The county or administrative area.',
            max_length=100,
            min_length=1,
            title='Administrative area',
        ),
    ] = MISSING
    postcode: Annotated[
        str | MISSING,
        Field(
            description='The postcode of the address.',
            examples=['SW1A 1AA', 'BS1 5TR'],
            pattern='^(GIR 0AA|([A-Z][0-9]{1,2}|[A-Z][A-HJ-Y][0-9]{1,2}|[A-Z][0-9][A-Z]|[A-Z][A-HJ-Y][0-9][A-Z]) [0-9][A-Z]{2})$',
            title='Postcode',
        ),
    ] = MISSING
    single_line: Annotated[
        str | MISSING,
        Field(
            description='The whole address on one line, as shown to people.',
            max_length=500,
            min_length=1,
            title='Single-line address',
        ),
    ] = MISSING


class Money(StandardModel):
    """
    An amount in pounds sterling.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    amount: Annotated[
        StrictFloat,
        Field(
            description='The amount in pounds, such as 49.50 or 2750000.00, to the penny.',
            ge=0.0,
            le=1000000000000.0,
            title='Amount',
        ),
    ]
    currency: Annotated[
        Literal['GBP'],
        Field(description='The ISO 4217 currency code; always GBP.', title='Currency'),
    ]


class PositionItem(RootModel[StrictFloat]):
    root: Annotated[
        StrictFloat,
        Field(
            description='Degrees east of Greenwich (negative for west).',
            ge=-180.0,
            le=180.0,
            title='Longitude',
        ),
    ]


class PositionItem1(RootModel[StrictFloat]):
    root: Annotated[
        StrictFloat,
        Field(description='Degrees north of the equator.', ge=-90.0, le=90.0, title='Latitude'),
    ]


class Position(RootModel[list[PositionItem | PositionItem1 | StrictFloat]]):
    """
    A WGS84 longitude and latitude pair, in that order, as GeoJSON positions are written.
    """

    root: Annotated[
        list[PositionItem | PositionItem1 | StrictFloat],
        Field(
            description='A WGS84 longitude and latitude pair, in that order, as GeoJSON positions are written.',
            max_length=3,
            min_length=2,
            title='Position',
        ),
    ]


class LinearRing(RootModel[list[Position]]):
    """
    A closed ring of at least four positions whose first and last positions are the same.
    """

    root: Annotated[
        list[Position],
        Field(
            description='A closed ring of at least four positions whose first and last positions are the same.',
            min_length=4,
            title='Linear ring',
        ),
    ]


class PolygonCoordinates(RootModel[list[LinearRing]]):
    """
    An outer ring followed by any holes.
    """

    root: Annotated[
        list[LinearRing],
        Field(
            description='An outer ring followed by any holes.',
            min_length=1,
            title='Polygon coordinates',
        ),
    ]


class Type(Enum):
    """
    The GeoJSON geometry type.
    """

    point = 'Point'
    polygon = 'Polygon'
    multi_polygon = 'MultiPolygon'


class Geometry(StandardModel):
    """
    A GeoJSON (RFC 7946) Point, Polygon or MultiPolygon in WGS84 longitude and latitude.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    type: Annotated[Type, Field(description='The GeoJSON geometry type.', title='Geometry type')]
    coordinates: Annotated[
        list[Any],
        Field(description='The GeoJSON coordinates for the geometry type.', title='Coordinates'),
    ]


class Contact(StandardModel):
    """
    How to contact a person, and the consent they gave for it.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    name: Annotated[
        str | MISSING,
        Field(description="The person's name.", max_length=200, min_length=1, title='Name'),
    ] = MISSING
    email: Annotated[
        str | MISSING,
        Field(
            description="The person's email address.",
            max_length=254,
            pattern='^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
            title='Email address',
        ),
    ] = MISSING
    telephone: Annotated[
        str | MISSING,
        Field(
            description="The person's telephone number.",
            examples=['0117 922 2000', '(01273) 263000', '+44 (0)1273 263000', '01273 263000 ext 123', '0300 123 4567'],
            pattern='^(\\+?[0-9 ]{7,20}|(\\+|\\()?[0-9]([ ()-]{0,3}[0-9]){6,19}( ?([Ee][Xx][Tt]\\.?|[Ee]xtension|[Xx]) ?[0-9]{1,6})?)$',
            title='Telephone number',
        ),
    ] = MISSING
    consent_to_contact: Annotated[
        StrictBool,
        Field(
            description='Whether the person agreed to be contacted about this matter.',
            title='Consent to contact',
        ),
    ]
    consent_given_at: Annotated[
        AwareDatetime | MISSING,
        Field(
            description='When the person gave consent to be contacted.', title='Consent given at'
        ),
    ] = MISSING


class StatusChange(StandardModel):
    """
    One step in the report's life.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    status: Annotated[Status1, Field(description='The status the report moved to.', title='Status')]
    changed_at: Annotated[
        AwareDatetime,
        Field(description='When the report moved to this status.', title='Changed at'),
    ]
    note: Annotated[
        str | MISSING,
        Field(
            description='What the council told the resident, or recorded, at this step.',
            max_length=2000,
            min_length=1,
            title='Note',
        ),
    ] = MISSING


class WasteMissedCollectionReport(_JsonSchemaRuntimeValidationBase, StandardModel):
    """
    A resident's report that a household waste collection was missed, and where the report is in its life. Each status maps to an Open311 GeoReport v2 status.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    __json_schema_unique_items__: ClassVar[tuple[tuple[object, ...], ...]] = (
        (('streams',),),
    )

    __json_schema_conditional_required__: ClassVar[tuple[Any, ...]] = (
        {
            'condition': ((('status',), ('collected', 'not_upheld', 'duplicate', 'cancelled')),),
            'then_required_groups': ((('closed_at',),),),
            'else_required_groups': (),
        },
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
    reference: Annotated[
        str,
        Field(
            description="The council's reference for the report, quoted to the resident.",
            pattern='^[A-Za-z0-9][A-Za-z0-9/_-]{0,49}$',
            title='Reference',
        ),
    ]
    publisher: Annotated[
        Council,
        Field(
            description='The council that holds the report: the collection authority, or a county council, combined authority or joint waste authority publishing for it (then collection_authority names the council that collects).',
            title='Publisher',
        ),
    ]
    collection_authority: Annotated[
        Council | MISSING,
        Field(
            description='The council that collects from the property, when another council (a county council, combined authority or joint waste authority) publishes the record for it. Absent: the publisher.',
            title='Collection authority',
        ),
    ] = MISSING
    uprn: Annotated[
        str,
        Field(
            description='The Unique Property Reference Number of the property whose collection was missed.',
            examples=['100023336956', '000000199356'],
            pattern='^[0-9]{1,12}$',
            title='UPRN',
        ),
    ]
    address: Annotated[
        Address | MISSING,
        Field(
            description='The address of the property whose collection was missed.', title='Address'
        ),
    ] = MISSING
    service_id: Annotated[
        str,
        Field(
            description="The identifier of the service that was missed, as the council's service catalogue and property schedule give it.",
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Service',
        ),
    ]
    service_name: Annotated[
        str | MISSING,
        Field(
            description='The name of the service that was missed, as residents see it.',
            max_length=200,
            min_length=1,
            title='Service name',
        ),
    ] = MISSING
    streams: Annotated[
        list[WasteStream] | MISSING,
        Field(
            description='The kinds of waste whose collection was missed, each once, such as food when only the food caddy was left.',
            min_length=1,
            title='Waste streams',
        ),
    ] = MISSING
    container_type_id: Annotated[
        str | MISSING,
        Field(
            description="The identifier of the container that was not emptied, as the council's service catalogue gives it.",
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Container type',
        ),
    ] = MISSING
    collection_date: Annotated[
        date,
        Field(description='The day the collection should have happened.', title='Collection date'),
    ]
    reason: Annotated[
        Reason, Field(description='What the resident says went wrong.', title='Reason')
    ]
    description: Annotated[
        str | MISSING,
        Field(
            description="The resident's own words about the problem, without HTML; at most 4,000 characters, as Open311 allows.",
            max_length=4000,
            min_length=1,
            title='Description',
        ),
    ] = MISSING
    contact: Annotated[
        Contact | MISSING,
        Field(
            description='How to contact the resident about the report, and whether they agreed to it.',
            title='Contact',
        ),
    ] = MISSING
    reported_at: Annotated[
        AwareDatetime, Field(description='When the resident made the report.', title='Reported at')
    ]
    status: Annotated[
        Status,
        Field(
            description='Where the report is now. The codelist gives the Open311 status for each.',
            title='Status',
        ),
    ]
    status_history: Annotated[
        list[StatusChange],
        Field(
            description='Every status the report has had, oldest first; the last entry is the current status.',
            min_length=1,
            title='Status history',
        ),
    ]
    updated_at: Annotated[
        AwareDatetime | MISSING,
        Field(description='When the report last changed.', title='Updated at'),
    ] = MISSING
    closed_at: Annotated[
        AwareDatetime | MISSING,
        Field(
            description='When the report closed. Required when the status is one that Open311 calls closed.',
            title='Closed at',
        ),
    ] = MISSING
    duplicate_of: Annotated[
        str | MISSING,
        Field(
            description='The reference of the earlier report, when this one is a duplicate.',
            pattern='^[A-Za-z0-9][A-Za-z0-9/_-]{0,49}$',
            title='Duplicate of',
        ),
    ] = MISSING
    external_reference: Annotated[
        str | MISSING,
        Field(
            description="The report's identifier in the council's back-office system, such as an Echo event id or an Open311 service_request_id.",
            max_length=100,
            min_length=1,
            title='Back-office reference',
        ),
    ] = MISSING
    source_system: Annotated[
        str | MISSING,
        Field(
            description="The back-office system the report was taken from, such as 'echo'.",
            pattern='^[a-z][a-z0-9_]{0,49}$',
            title='Source system',
        ),
    ] = MISSING
    extensions: Annotated[
        dict[str, Any] | MISSING,
        Field(
            description="Local additions that this standard does not define. Name each key after the publisher or product, such as 'adur_round_code', so that two additions cannot clash. Validators do not check what is inside.",
            title='Extensions',
        ),
    ] = MISSING