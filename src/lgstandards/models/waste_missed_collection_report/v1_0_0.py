# Typed models of waste-missed-collection-report@1.0.0, generated from https://schemas.lgstandards.org/waste-missed-collection-report/1.0.0/schema.json
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
                any(name in data and data[name] in expected for name in names)
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

    __json_schema_conditional_required__: ClassVar[tuple[Any, ...]] = (
        {
            'condition': ((('status',), ('collected', 'not_upheld', 'duplicate', 'cancelled')),),
            'then_required_groups': ((('closed_at',),),),
            'else_required_groups': (),
        },
    )

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
            description='The council that holds the report: the collection authority.',
            title='Publisher',
        ),
    ]
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
    extensions: Annotated[
        dict[str, Any] | MISSING,
        Field(
            description="Local additions that this standard does not define. Name each key after the publisher or product, such as 'adur_round_code', so that two additions cannot clash. Validators do not check what is inside.",
            title='Extensions',
        ),
    ] = MISSING