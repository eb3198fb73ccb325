# Typed models of common@1.0.0, generated from https://schemas.lgstandards.org/common/1.0.0/schema.json
# by `python -m lgstandards.models.build` with datamodel-code-generator 0.89.0.
# Do not edit: change the schema and regenerate; a test fails when this file drifts.
# The generator's code is not held to this project's lint and strict typing (its runtime
# validators and constr() in unions fail them); tests import and use every module.
# mypy: ignore-errors
# ruff: noqa

from __future__ import annotations

from collections.abc import Mapping as _Mapping
from datetime import date as date_aliased
from enum import Enum
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

    @model_validator(mode='before')
    @classmethod
    def _validate_json_schema_runtime_rules(cls, data: Any) -> Any:
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


class Common(StandardModel):
    """
    Identifiers, addresses, dates, money, geometry and contact details that other lgstandards standards reference with $ref.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    uprn: Annotated[
        str | MISSING,
        Field(
            description='Unique Property Reference Number: 1 to 12 digits, always written as a string so that leading zeros survive.',
            examples=['100023336956', '000000199356'],
            pattern='^[0-9]{1,12}$',
            title='UPRN',
        ),
    ] = MISSING
    usrn: Annotated[
        str | MISSING,
        Field(
            description='Unique Street Reference Number from the National Street Gazetteer: 1 to 8 digits, written as a string.',
            examples=['21900653'],
            pattern='^[0-9]{1,8}$',
            title='USRN',
        ),
    ] = MISSING
    postcode: Annotated[
        str | MISSING,
        Field(
            description='A UK postcode in capitals with a single space between the outward and inward codes.',
            examples=['SW1A 1AA', 'BS1 5TR'],
            pattern='^(GIR 0AA|([A-Z][0-9]{1,2}|[A-Z][A-HJ-Y][0-9]{1,2}|[A-Z][0-9][A-Z]|[A-Z][A-HJ-Y][0-9][A-Z]) [0-9][A-Z]{2})$',
            title='Postcode',
        ),
    ] = MISSING
    gss_code: Annotated[
        str | MISSING,
        Field(
            description='An ONS Government Statistical Service code: a country letter, two digits naming the kind of area, and six digits.',
            examples=['E07000223', 'E10000032'],
            pattern='^[EKLMNSW][0-9]{8}$',
            title='GSS code',
        ),
    ] = MISSING
    council: Annotated[
        Council | MISSING,
        Field(
            description='A council or other public authority, named by its GSS code and/or its planning.data.gov.uk organisation identifier (joint waste authorities have no council GSS code), with its name where known.',
            title='Council',
        ),
    ] = MISSING
    address: Annotated[
        Address | MISSING,
        Field(
            description='A BS 7666-style address: secondary and primary addressable objects, street, locality, town and postcode.',
            title='Address',
        ),
    ] = MISSING
    date: Annotated[
        date_aliased | MISSING,
        Field(description='A calendar date in RFC 3339 full-date form, YYYY-MM-DD.', title='Date'),
    ] = MISSING
    date_time: Annotated[
        AwareDatetime | MISSING,
        Field(
            description='An RFC 3339 date-time with a time offset, such as 2026-12-24T07:30:00Z or 2026-06-01T07:30:00+01:00: a capital T between date and time, and Z or an offset written +HH:MM.',
            title='Date and time',
        ),
    ] = MISSING
    money: Annotated[
        Money | MISSING, Field(description='An amount in pounds sterling.', title='Amount of money')
    ] = MISSING
    geometry: Annotated[
        Geometry | MISSING,
        Field(
            description='A GeoJSON (RFC 7946) Point, Polygon or MultiPolygon in WGS84 longitude and latitude.',
            title='Geometry',
        ),
    ] = MISSING
    contact: Annotated[
        Contact | MISSING,
        Field(
            description='How to contact a person, and the consent they gave for it.',
            title='Contact details',
        ),
    ] = MISSING