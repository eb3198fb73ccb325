# Typed models of waste-property-schedule@1.0.0, generated from https://schemas.lgstandards.org/waste-property-schedule/1.0.0/schema.json
# by `python -m lgstandards.models.build` with datamodel-code-generator 0.89.0.
# Do not edit: change the schema and regenerate; a test fails when this file drifts.
# The generator's code is not held to this project's lint and strict typing (its runtime
# validators and constr() in unions fail them); tests import and use every module.
# mypy: ignore-errors
# ruff: noqa

from __future__ import annotations

from collections.abc import Mapping as _Mapping
from datetime import date as date_aliased
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
                        or any(
                            cls._json_schema_conditional_equal(data[name], value)
                            for value in expected
                        )
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
    def _json_schema_conditional_equal(cls, value: Any, expected: Any) -> bool:
        match expected:
            case bool():
                return isinstance(value, bool) and value == expected
            case int() | float():
                return not isinstance(value, bool) and value == expected
            case dict():
                return (
                    (isinstance(value, dict) or isinstance(value, _Mapping))
                    and len(value) == len(expected)
                    and all(
                        key in value
                        and cls._json_schema_conditional_equal(value[key], item)
                        for key, item in expected.items()
                    )
                )
            case list():
                return (
                    isinstance(value, list)
                    and len(value) == len(expected)
                    and all(
                        cls._json_schema_conditional_equal(item, other)
                        for item, other in zip(value, expected, strict=True)
                    )
                )
        return value == expected

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
    A kind of container the property uses.
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
            description="The container type's identifier, unique within the record; services refer to it.",
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
    quantity: Annotated[
        StrictInt | MISSING,
        Field(
            description='How many containers of this type the property has, or may put out.',
            ge=1,
            le=99,
            title='Quantity',
        ),
    ] = MISSING


class ChangeReason(StrEnum):
    """
    Why the collection moved.
    """

    bank_holiday = 'bank_holiday'
    christmas = 'christmas'
    weather = 'weather'
    operational = 'operational'
    other = 'other'


class Status(StrEnum):
    """
    Where the collection is in its day.
    """

    scheduled = 'scheduled'
    in_progress = 'in_progress'
    completed = 'completed'
    not_completed = 'not_completed'
    cancelled = 'cancelled'


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


class Property(StandardModel):
    """
    The property the schedule is for.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    uprn: Annotated[
        str,
        Field(
            description="The property's Unique Property Reference Number.",
            examples=['100023336956', '000000199356'],
            pattern='^[0-9]{1,12}$',
            title='UPRN',
        ),
    ]
    usrn: Annotated[
        str | MISSING,
        Field(
            description='The Unique Street Reference Number of the street the property is on.',
            examples=['21900653'],
            pattern='^[0-9]{1,8}$',
            title='USRN',
        ),
    ] = MISSING
    address: Annotated[
        Address | MISSING, Field(description="The property's address.", title='Address')
    ] = MISSING
    collection_authority: Annotated[
        Council,
        Field(
            description="The council that collects the property's waste. In two-tier areas this is the district council.",
            title='Collection authority',
        ),
    ]
    disposal_authority: Annotated[
        Council | MISSING,
        Field(
            description='The council that disposes of the waste once collected. In two-tier areas this is the county council; for a unitary council it is the same council as the collection authority, unless a joint waste authority does it.',
            title='Disposal authority',
        ),
    ] = MISSING
    communal: Annotated[
        StrictBool | MISSING,
        Field(
            description='Whether the property shares communal containers with other properties, as at most blocks of flats.',
            title='Communal collection',
        ),
    ] = MISSING
    assisted_collection: Annotated[
        StrictBool | MISSING,
        Field(
            description='Whether the crew collects the containers from where they are kept rather than from the kerb. A flag only: never say why.',
            title='Assisted collection',
        ),
    ] = MISSING


class Service(_JsonSchemaRuntimeValidationBase, StandardModel):
    """
    A collection service the property receives or can sign up to.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    __json_schema_unique_items__: ClassVar[tuple[tuple[object, ...], ...]] = (
        (('container_type_ids',),),
    )

    __json_schema_conditional_required__: ClassVar[tuple[Any, ...]] = (
        {
            'condition': ((('frequency',), ()),),
            'then_required_groups': ((('schedule_start_date',),),),
            'else_required_groups': (),
        },
        {
            'condition': ((('subscription_required',), (True,)),),
            'then_required_groups': ((('subscription_active',),),),
            'else_required_groups': (),
        },
    )

    id: Annotated[
        str,
        Field(
            description="The service's identifier, unique within the record; collections refer to it.",
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
            description="How often the service comes, as an RFC 5545 recurrence rule such as 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR'. Leave it out for services booked on demand.",
            examples=['FREQ=WEEKLY;BYDAY=TU', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', 'FREQ=WEEKLY;INTERVAL=3;BYDAY=MO', 'FREQ=MONTHLY;BYDAY=1WE'],
            pattern='^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;INTERVAL=[1-9][0-9]?)?(;BYDAY=(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU)(,(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU))*)?(;BYMONTHDAY=-?([1-9]|[12][0-9]|3[01])(,-?([1-9]|[12][0-9]|3[01]))*)?(;BYMONTH=([1-9]|1[0-2])(,([1-9]|1[0-2]))*)?(;BYSETPOS=-?[1-5])?(;WKST=(MO|TU|WE|TH|FR|SA|SU))?(;(UNTIL=20[0-9]{2}((0[13578]|1[02])(0[1-9]|[12][0-9]|3[01])|(0[469]|11)(0[1-9]|[12][0-9]|30)|02(0[1-9]|1[0-9]|2[0-9]))|COUNT=[1-9][0-9]{0,2}))?$',
            title='Frequency',
        ),
    ] = MISSING
    schedule_start_date: Annotated[
        date_aliased | MISSING,
        Field(
            description='The date of one collection in the series, from which the frequency is counted (the iCalendar DTSTART). Required when frequency is given.',
            title='Schedule start date',
        ),
    ] = MISSING
    schedule_description: Annotated[
        str | MISSING,
        Field(
            description="The schedule in words, as residents see it, such as 'Friday every other week'.",
            max_length=200,
            min_length=1,
            title='Schedule description',
        ),
    ] = MISSING
    subscription_required: Annotated[
        StrictBool | MISSING,
        Field(
            description='Whether the property must subscribe, and usually pay, to receive the service. Absent means false.',
            title='Subscription required',
        ),
    ] = MISSING
    subscription_active: Annotated[
        StrictBool | MISSING,
        Field(
            description='Whether the property has a subscription now. Required when subscription_required is true.',
            title='Subscription active',
        ),
    ] = MISSING
    subscription_end_date: Annotated[
        date_aliased | MISSING,
        Field(
            description="The last day of the property's current subscription.",
            title='Subscription end date',
        ),
    ] = MISSING
    container_type_ids: Annotated[
        list[LocalId] | MISSING,
        Field(
            description='The identifiers of the container types, listed in container_types, that this service empties.',
            title='Container types',
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


class Collection(_JsonSchemaRuntimeValidationBase, StandardModel):
    """
    One collection of one service on one day: past, today's or planned.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )

    __json_schema_conditional_required__: ClassVar[tuple[Any, ...]] = (
        {
            'condition': ((('changed',), (True,)),),
            'then_required_groups': ((('original_date',), ('change_reason',)),),
            'else_required_groups': (),
        },
        {
            'condition': ((('status',), ('not_completed',)),),
            'then_required_groups': ((('outcome_code',),),),
            'else_required_groups': (),
        },
    )

    service_id: Annotated[
        str,
        Field(
            description='The identifier of the service, listed in services, that this collection is for.',
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Service',
        ),
    ]
    date: Annotated[
        date_aliased,
        Field(
            description='The day the collection happens or is planned for.', title='Collection date'
        ),
    ]
    original_date: Annotated[
        date_aliased | MISSING,
        Field(
            description='The day the schedule first gave, when the collection has moved.',
            title='Original date',
        ),
    ] = MISSING
    changed: Annotated[
        StrictBool,
        Field(
            description='Whether the collection has moved from the day its schedule gives. When true, original_date and change_reason are required.',
            title='Changed',
        ),
    ]
    change_reason: Annotated[
        ChangeReason | MISSING,
        Field(description='Why the collection moved.', title='Change reason'),
    ] = MISSING
    status: Annotated[
        Status, Field(description='Where the collection is in its day.', title='Status')
    ]
    completed_at: Annotated[
        AwareDatetime | MISSING,
        Field(
            description='When the crew recorded the collection as done or not done.',
            title='Completed at',
        ),
    ] = MISSING
    outcome_code: Annotated[
        str | MISSING,
        Field(
            description="What the crew recorded, such as 'not_presented'. Required when status is not_completed.",
            pattern='^[a-z][a-z0-9_]{0,49}(\\.[a-z][a-z0-9_]{0,49})?$',
            title='Outcome',
        ),
    ] = MISSING
    missed_report_allowed_until: Annotated[
        AwareDatetime | MISSING,
        Field(
            description='The last moment at which a resident may report this collection as missed.',
            title='Missed reports allowed until',
        ),
    ] = MISSING


class WastePropertySchedule(StandardModel):
    """
    One property's waste collection schedule: the services it receives, its containers, and its collections past and planned. One JSON object per property; an NDJSON file holds many.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    generated_at: Annotated[
        AwareDatetime,
        Field(description='When the publisher produced this record.', title='Generated at'),
    ]
    publisher: Annotated[
        Council, Field(description='The council that publishes this record.', title='Publisher')
    ]
    source_system: Annotated[
        str | MISSING,
        Field(
            description="The back-office system the data was taken from, such as 'echo'.",
            pattern='^[a-z][a-z0-9_]{0,49}$',
            title='Source system',
        ),
    ] = MISSING
    property: Annotated[
        Property, Field(description='The property the schedule is for.', title='Property')
    ]
    services: Annotated[
        list[Service],
        Field(
            description='The collection services the property receives or can sign up to.',
            min_length=1,
            title='Services',
        ),
    ]
    container_types: Annotated[
        list[ContainerType] | MISSING,
        Field(description='The kinds of container the property uses.', title='Container types'),
    ] = MISSING
    collections: Annotated[
        list[Collection],
        Field(
            description="Recent, today's and planned collections, in date order. Publishers should include at least the next four weeks and the last two weeks.",
            title='Collections',
        ),
    ]
    extensions: Annotated[
        dict[str, Any] | MISSING,
        Field(
            description="Local additions that this standard does not define. Name each key after the publisher or product, such as 'adur_round_code', so that two additions cannot clash. Validators do not check what is inside.",
            title='Extensions',
        ),
    ] = MISSING