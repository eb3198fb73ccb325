# Typed models of waste-service-catalogue@1.0.0, generated from https://schemas.lgstandards.org/waste-service-catalogue/1.0.0/schema.json
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
    StrictInt,
    model_validator,
)


class _JsonSchemaRuntimeValidationBase(BaseModel):
    __json_schema_one_of_required_groups__: ClassVar[tuple[Any, ...]] = ()
    __json_schema_any_of_required_groups__: ClassVar[tuple[Any, ...]] = ()
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


class LocalId(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="An identifier the publisher assigns, unique within the document: letters, digits, '.', '_', ':' or '-', starting with a letter or digit.",
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Local identifier',
        ),
    ]


class Stream(StrEnum):
    """
    The kind of waste the service collects.
    """

    residual = 'residual'
    mixed_recycling = 'mixed_recycling'
    paper_card = 'paper_card'
    glass = 'glass'
    plastics_cans = 'plastics_cans'
    food = 'food'
    garden = 'garden'
    food_garden = 'food_garden'
    textiles = 'textiles'
    batteries = 'batteries'
    small_weee = 'small_weee'
    bulky = 'bulky'
    clinical = 'clinical'
    hygiene = 'hygiene'
    other = 'other'


class PricingScheme(StrEnum):
    """
    How the price of a booked collection is worked out, for services booked on demand.
    """

    free = 'free'
    flat = 'flat'
    per_item = 'per_item'
    banded = 'banded'
    banded_pops = 'banded_pops'


class Service(_JsonSchemaRuntimeValidationBase, StandardModel):
    """
    A waste collection service the council offers to households.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    __json_schema_unique_items__: ClassVar[tuple[tuple[object, ...], ...]] = (
        (('container_type_ids',),),
    )

    id: Annotated[
        str,
        Field(
            description="The service's identifier, unique within the catalogue. Use the same identifier in property schedules.",
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Service identifier',
        ),
    ]
    name: Annotated[
        str,
        Field(
            description="The service's name as the council shows it to residents, such as 'Garden waste (subscription)'.",
            max_length=200,
            min_length=1,
            title='Service name',
        ),
    ]
    stream: Annotated[
        Stream, Field(description='The kind of waste the service collects.', title='Waste stream')
    ]
    description: Annotated[
        str | MISSING,
        Field(
            description='More about the service for residents, such as what goes in the container.',
            max_length=2000,
            min_length=1,
            title='Service description',
        ),
    ] = MISSING
    frequency: Annotated[
        str | MISSING,
        Field(
            description="How often the service usually comes, as an RFC 5545 recurrence rule; the day is usually left out because it varies by round, as in 'FREQ=WEEKLY;INTERVAL=2'. Leave it out for services booked on demand.",
            examples=['FREQ=WEEKLY;BYDAY=TU', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', 'FREQ=WEEKLY;INTERVAL=3;BYDAY=MO', 'FREQ=MONTHLY;BYDAY=1WE'],
            pattern='^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;INTERVAL=[1-9][0-9]?)?(;BYDAY=(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)(,(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU))*)?(;BYMONTHDAY=-?([1-9]|[12][0-9]|3[01])(,-?([1-9]|[12][0-9]|3[01]))*)?(;BYMONTH=([1-9]|1[0-2])(,([1-9]|1[0-2]))*)?(;BYSETPOS=-?[1-5])?(;WKST=(MO|TU|WE|TH|FR|SA|SU))?(;(UNTIL=20[0-9]{2}((0[13578]|1[02])(0[1-9]|[12][0-9]|3[01])|(0[469]|11)(0[1-9]|[12][0-9]|30)|02(0[1-9]|1[0-9]|2[0-9]))|COUNT=[1-9][0-9]{0,2}))?$',
            title='Usual frequency',
        ),
    ] = MISSING
    schedule_description: Annotated[
        str | MISSING,
        Field(
            description="The usual schedule in words, such as 'Every other week'.",
            max_length=200,
            min_length=1,
            title='Schedule description',
        ),
    ] = MISSING
    on_demand: Annotated[
        StrictBool | MISSING,
        Field(
            description='Whether residents book each collection, as for bulky waste, rather than having a regular round. Absent means false.',
            title='Booked on demand',
        ),
    ] = MISSING
    subscription_required: Annotated[
        StrictBool | MISSING,
        Field(
            description='Whether households must subscribe, and usually pay, to receive the service. Absent means false.',
            title='Subscription required',
        ),
    ] = MISSING
    pricing_scheme: Annotated[
        PricingScheme | MISSING,
        Field(
            description='How the price of a booked collection is worked out, for services booked on demand.',
            title='Pricing scheme',
        ),
    ] = MISSING
    max_items: Annotated[
        StrictInt | MISSING,
        Field(
            description='The most items one booking may include, for services booked on demand.',
            ge=1,
            le=100,
            title='Most items per booking',
        ),
    ] = MISSING
    container_type_ids: Annotated[
        list[LocalId] | MISSING,
        Field(
            description='The identifiers of the container types, listed in container_types, that this service empties.',
            title='Container types',
        ),
    ] = MISSING
    eligibility: Annotated[
        str | MISSING,
        Field(
            description="Who can have the service, in words, such as 'Houses only; flats use the communal bins'.",
            max_length=2000,
            min_length=1,
            title='Eligibility',
        ),
    ] = MISSING
    operator: Annotated[
        str | MISSING,
        Field(
            description='The organisation that carries out the collections when it is not the council, such as a contractor.',
            max_length=200,
            min_length=1,
            title='Operator',
        ),
    ] = MISSING
    url: Annotated[
        str | MISSING,
        Field(
            description="The council's web page about the service.",
            max_length=2000,
            pattern='^https://[^\\s]+$',
            title='Web page',
        ),
    ] = MISSING


class Stream1(StrEnum):
    """
    A kind of waste that goes in this container.
    """

    residual = 'residual'
    mixed_recycling = 'mixed_recycling'
    paper_card = 'paper_card'
    glass = 'glass'
    plastics_cans = 'plastics_cans'
    food = 'food'
    garden = 'garden'
    food_garden = 'food_garden'
    textiles = 'textiles'
    batteries = 'batteries'
    small_weee = 'small_weee'
    bulky = 'bulky'
    clinical = 'clinical'
    hygiene = 'hygiene'
    other = 'other'


class ContainerType(_JsonSchemaRuntimeValidationBase, StandardModel):
    """
    A kind of container the council provides or accepts.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    __json_schema_unique_items__: ClassVar[tuple[tuple[object, ...], ...]] = (
        (('streams',),),
    )

    id: Annotated[
        str,
        Field(
            description="The container type's identifier, unique within the catalogue; services and charges refer to it.",
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Container type identifier',
        ),
    ]
    name: Annotated[
        str,
        Field(
            description="The container's name as the council shows it to residents, such as 'Green-lidded recycling bin'.",
            max_length=200,
            min_length=1,
            title='Container name',
        ),
    ]
    type: Annotated[
        str,
        Field(
            description='The kind of container, such as a wheeled bin or a box.',
            pattern='^[a-z][a-z0-9_]{0,49}$',
            title='Kind of container',
        ),
    ]
    capacity_litres: Annotated[
        StrictFloat | MISSING,
        Field(
            description='How much the container holds, in litres, such as 240.',
            ge=1.0,
            le=5000.0,
            title='Capacity in litres',
        ),
    ] = MISSING
    colour: Annotated[
        str | MISSING,
        Field(
            description="The colour of the container's body, as residents would describe it, such as 'grey'.",
            max_length=50,
            min_length=1,
            title='Colour',
        ),
    ] = MISSING
    lid_colour: Annotated[
        str | MISSING,
        Field(
            description="The colour of the lid when it differs from the body, such as 'blue'.",
            max_length=50,
            min_length=1,
            title='Lid colour',
        ),
    ] = MISSING
    streams: Annotated[
        list[Stream1] | MISSING,
        Field(
            description='The kinds of waste that go in this container.',
            min_length=1,
            title='Waste streams',
        ),
    ] = MISSING
    disposable: Annotated[
        StrictBool | MISSING,
        Field(
            description='Whether the container is collected with the waste, as a single-use sack is.',
            title='Disposable',
        ),
    ] = MISSING


class Period(StrEnum):
    """
    What one payment buys, such as a year of subscription.
    """

    one_off = 'one_off'
    per_collection = 'per_collection'
    per_item = 'per_item'
    per_month = 'per_month'
    per_year = 'per_year'


class Uprn(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description='Unique Property Reference Number: 1 to 12 digits, always written as a string so that leading zeros survive.',
            examples=['100023336956', '000000199356'],
            pattern='^[0-9]{1,12}$',
            title='UPRN',
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
            examples=['E07000223', 'E10000032', 'E09000033'],
            pattern='^(E0[6-9]|E10|W06|S12|N09)[0-9]{6}$',
            title='Council GSS code',
        ),
    ] = MISSING
    organisation: Annotated[
        str | MISSING,
        Field(
            description='The organisation identifier, such as local-authority:ADU or waste-authority:NLWA.',
            examples=['local-authority:BIR', 'local-authority:WSX'],
            pattern='^(local-authority|local-planning-authority|national-park-authority|development-corporation|waste-authority|government-organisation):[A-Za-z0-9]{1,16}$',
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


class Address(StandardModel):
    """
    A BS 7666-style address: secondary and primary addressable objects, street, locality, town and postcode.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
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
        str,
        Field(
            description="The building number, range or name, such as '12' or '12-14' or 'Rose Cottage'.",
            max_length=100,
            min_length=1,
            title='Primary addressable object',
        ),
    ]
    street: Annotated[
        str,
        Field(
            description='The street description from the street gazetteer.',
            max_length=100,
            min_length=1,
            title='Street',
        ),
    ]
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
        str, Field(description='The town or city.', max_length=100, min_length=1, title='Town')
    ]
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
            description='The amount in pounds, such as 49.50.', ge=0.0, le=1000000.0, title='Amount'
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
            pattern='^\\+?[0-9 ]{7,20}$',
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


class Charge(StandardModel):
    """
    A price a household pays, such as a garden waste subscription or a replacement bin.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    id: Annotated[
        str,
        Field(
            description="The charge's identifier, unique within the catalogue.",
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Charge identifier',
        ),
    ]
    name: Annotated[
        str,
        Field(
            description="The charge's name as residents see it, such as 'Garden waste subscription 2027-28'.",
            max_length=200,
            min_length=1,
            title='Charge name',
        ),
    ]
    service_id: Annotated[
        str | MISSING,
        Field(
            description='The identifier of the service, listed in services, that the charge is for.',
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Service',
        ),
    ] = MISSING
    container_type_id: Annotated[
        str | MISSING,
        Field(
            description='The identifier of the container type, listed in container_types, that the charge is for, such as a replacement bin.',
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Container type',
        ),
    ] = MISSING
    price: Annotated[Money, Field(description='What one payment costs.', title='Price')]
    period: Annotated[
        Period,
        Field(
            description='What one payment buys, such as a year of subscription.',
            title='Charge period',
        ),
    ]
    valid_from_date: Annotated[
        date | MISSING,
        Field(
            description='The first day the price applies, or the first day of the subscription year it buys.',
            title='Valid from',
        ),
    ] = MISSING
    valid_to_date: Annotated[
        date | MISSING,
        Field(
            description='The last day the price applies, or the last day of the subscription year it buys.',
            title='Valid to',
        ),
    ] = MISSING
    concessions: Annotated[
        str | MISSING,
        Field(
            description="Any reduced prices or exemptions, in words, such as 'Half price for households receiving Council Tax Reduction'.",
            max_length=2000,
            min_length=1,
            title='Concessions',
        ),
    ] = MISSING
    description: Annotated[
        str | MISSING,
        Field(
            description='More about the charge for residents.',
            max_length=2000,
            min_length=1,
            title='Charge description',
        ),
    ] = MISSING


class BulkyItem(StandardModel):
    """
    An item residents can book for a bulky waste collection.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    item_code: Annotated[
        str,
        Field(
            description="The item's code, unique within the catalogue; bookings refer to it.",
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Item code',
        ),
    ]
    name: Annotated[
        str,
        Field(
            description="The item's name as residents see it, such as 'Sofa (two-seater)'.",
            max_length=200,
            min_length=1,
            title='Item name',
        ),
    ]
    contains_pops: Annotated[
        StrictBool,
        Field(
            description='Whether the item usually contains persistent organic pollutants (POPs), as upholstered domestic seating does, and so must be kept apart and incinerated.',
            title='Contains POPs',
        ),
    ]
    price: Annotated[
        Money | MISSING,
        Field(
            description='The price of one of these items, under the per-item pricing scheme.',
            title='Price per item',
        ),
    ] = MISSING
    note: Annotated[
        str | MISSING,
        Field(
            description="Anything residents need to know, such as 'Doors removed' or 'Gas bottles not accepted'.",
            max_length=500,
            min_length=1,
            title='Note',
        ),
    ] = MISSING


class WasteServiceCatalogue(StandardModel):
    """
    A council's household waste collection services: the streams they collect, their containers, their charges and who can have them.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    generated_at: Annotated[
        AwareDatetime,
        Field(description='When the publisher produced this catalogue.', title='Generated at'),
    ]
    publisher: Annotated[
        Council,
        Field(
            description='The council whose services these are: the collection authority.',
            title='Publisher',
        ),
    ]
    disposal_authority: Annotated[
        Council | MISSING,
        Field(
            description='The council that disposes of the waste collected. In two-tier areas this is the county council.',
            title='Disposal authority',
        ),
    ] = MISSING
    valid_from_date: Annotated[
        date | MISSING,
        Field(description='The first day this catalogue describes.', title='Valid from'),
    ] = MISSING
    services: Annotated[
        list[Service],
        Field(
            description='The collection services the council offers to households.',
            min_length=1,
            title='Services',
        ),
    ]
    container_types: Annotated[
        list[ContainerType] | MISSING,
        Field(
            description='The kinds of container the council provides or accepts.',
            title='Container types',
        ),
    ] = MISSING
    charges: Annotated[
        list[Charge] | MISSING,
        Field(
            description='The prices households pay for services and containers.', title='Charges'
        ),
    ] = MISSING
    bulky_items: Annotated[
        list[BulkyItem] | MISSING,
        Field(
            description='The items residents can book for bulky waste collections.',
            title='Bulky items',
        ),
    ] = MISSING
    extensions: Annotated[
        dict[str, Any] | MISSING,
        Field(
            description="Local additions that this standard does not define. Name each key after the publisher or product, such as 'adur_round_code', so that two additions cannot clash. Validators do not check what is inside.",
            title='Extensions',
        ),
    ] = MISSING