# Typed models of waste-collections-api@1.0.0, generated from https://schemas.lgstandards.org/waste-collections-api/1.0.0/schema.json
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


class PageLinks(StandardModel):
    """
    Links to this and neighbouring pages, on the same host as the request. next is present exactly when there is a later page, previous exactly when there is an earlier one.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    self: Annotated[
        str,
        Field(
            description='The URL of this page.', max_length=2000, min_length=1, title='This page'
        ),
    ]
    first: Annotated[
        str,
        Field(
            description='The URL of the first page.',
            max_length=2000,
            min_length=1,
            title='First page',
        ),
    ]
    last: Annotated[
        str,
        Field(
            description='The URL of the last page; the first page when there are no items.',
            max_length=2000,
            min_length=1,
            title='Last page',
        ),
    ]
    next: Annotated[
        str | MISSING,
        Field(
            description='The URL of the next page, when there is one.',
            max_length=2000,
            min_length=1,
            title='Next page',
        ),
    ] = MISSING
    previous: Annotated[
        str | MISSING,
        Field(
            description='The URL of the previous page, when there is one.',
            max_length=2000,
            min_length=1,
            title='Previous page',
        ),
    ] = MISSING


class Error(StandardModel):
    """
    One problem with the request.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    pointer: Annotated[
        str | MISSING,
        Field(
            description='A JSON Pointer into the request body, or the name of the query parameter.',
            max_length=500,
            title='Pointer',
        ),
    ] = MISSING
    detail: Annotated[
        str,
        Field(description='What is wrong there.', max_length=2000, min_length=1, title='Detail'),
    ]


class Problem(StandardModel):
    """
    An RFC 9457 problem details object, sent as application/problem+json with every 4xx and 5xx response. Other members are allowed because RFC 9457 lets a problem type define its own.
    """

    model_config = ConfigDict(
        extra='allow',
        validate_by_name=True,
    )
    type: Annotated[
        str,
        Field(
            description="A URI reference naming the kind of problem; 'about:blank' when the HTTP status says it all.",
            max_length=2000,
            min_length=1,
            title='Problem type',
        ),
    ]
    title: Annotated[
        str,
        Field(
            description='A short summary of the kind of problem, the same for every occurrence.',
            max_length=200,
            min_length=1,
            title='Title',
        ),
    ]
    status: Annotated[
        StrictInt,
        Field(
            description='The HTTP status code of the response, repeated here.',
            ge=400,
            le=599,
            title='Status',
        ),
    ]
    detail: Annotated[
        str | MISSING,
        Field(
            description='What went wrong this time, in words a resident or developer can act on.',
            max_length=2000,
            min_length=1,
            title='Detail',
        ),
    ] = MISSING
    instance: Annotated[
        str | MISSING,
        Field(
            description='A URI reference naming this occurrence, such as the request path.',
            max_length=2000,
            min_length=1,
            title='Instance',
        ),
    ] = MISSING
    errors: Annotated[
        list[Error] | MISSING,
        Field(
            description='For a request body or query that does not conform: each problem with it.',
            title='Errors',
        ),
    ] = MISSING


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


class Reference(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description="A reference the council gives to a case so that residents and staff can quote it: letters, digits, '/', '_' or '-', starting with a letter or digit.",
            pattern='^[A-Za-z0-9][A-Za-z0-9/_-]{0,49}$',
            title='Reference',
        ),
    ]


class Status(StrEnum):
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


class StatusChange(StandardModel):
    """
    One step in the report's life.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    status: Annotated[Status, Field(description='The status the report moved to.', title='Status')]
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


class AddressResult(StandardModel):
    """
    One addressable property: its UPRN, which the other operations take, and its address.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    uprn: Annotated[
        str,
        Field(
            description="The property's Unique Property Reference Number, which /properties/{uprn}/schedule takes.",
            examples=['100023336956', '000000199356'],
            pattern='^[0-9]{1,12}$',
            title='UPRN',
        ),
    ]
    usrn: Annotated[
        str | MISSING,
        Field(
            description="The Unique Street Reference Number of the property's street.",
            examples=['21900653'],
            pattern='^[0-9]{1,8}$',
            title='USRN',
        ),
    ] = MISSING
    address: Annotated[
        Address,
        Field(
            description="The property's address; its postcode is the one looked up.",
            title='Address',
        ),
    ]


class ApiRoot(StandardModel):
    """
    What GET / answers: the standard and version the API implements and who publishes it.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    standard: Annotated[
        Literal['waste-collections-api'],
        Field(description='The API standard implemented.', title='Standard'),
    ]
    version: Annotated[
        str,
        Field(
            description='The version of the standard implemented, MAJOR.MINOR.PATCH.',
            pattern='^1\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$',
            title='Version',
        ),
    ]
    publisher: Annotated[
        Council,
        Field(description='The council whose services the API describes.', title='Publisher'),
    ]
    documentation_url: Annotated[
        str | MISSING,
        Field(
            description='Where people can read about this API.',
            max_length=2000,
            pattern='^https?://',
            title='Documentation URL',
        ),
    ] = MISSING


class MissedCollectionSubmission(StandardModel):
    """
    What a resident's app sends to report a missed collection; the council answers with the full waste-missed-collection-report.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    uprn: Annotated[
        str,
        Field(
            description='The property whose collection was missed.',
            examples=['100023336956', '000000199356'],
            pattern='^[0-9]{1,12}$',
            title='UPRN',
        ),
    ]
    service_id: Annotated[
        str,
        Field(
            description="The id of the service whose collection was missed, from the property's schedule.",
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Service',
        ),
    ]
    container_type_id: Annotated[
        str | MISSING,
        Field(
            description="The id of the container that was not emptied, from the property's schedule.",
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Container type',
        ),
    ] = MISSING
    collection_date: Annotated[
        date, Field(description='The date the collection was due.', title='Collection date')
    ]
    reason: Annotated[
        Any, Field(description='Why the resident says the collection was missed.', title='Reason')
    ]
    description: Annotated[
        str | MISSING,
        Field(
            description="The resident's own words.",
            max_length=2000,
            min_length=1,
            title='Description',
        ),
    ] = MISSING
    contact: Annotated[
        Contact | MISSING,
        Field(
            description='How the council may contact the resident about the report.',
            title='Contact details',
        ),
    ] = MISSING


class WasteCollectionsApi(StandardModel):
    """
    The bodies the waste collections API defines for itself. The root is one page of an address lookup by postcode; the problem details object, the API root document and the missed collection submission are in $defs. Property schedules, the service catalogue and missed collection reports are the waste data standards, referenced from openapi.json.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    items: Annotated[
        list[AddressResult],
        Field(
            description='The addresses on this page, in the order the council lists them (usually by street, then number).',
            max_length=100,
            title='Addresses',
        ),
    ]
    page: Annotated[
        StrictInt,
        Field(description='The number of this page, counting from 1.', ge=1, title='Page number'),
    ]
    page_size: Annotated[
        StrictInt,
        Field(
            description='The most items a page holds: the page_size asked for, or the default of 20. At most 100.',
            ge=1,
            le=100,
            title='Page size',
        ),
    ]
    total_items: Annotated[
        StrictInt,
        Field(description='How many items there are across every page.', ge=0, title='Total items'),
    ]
    total_pages: Annotated[
        StrictInt,
        Field(
            description='How many pages there are at this page size; 0 when there are no items.',
            ge=0,
            title='Total pages',
        ),
    ]
    links: Annotated[
        PageLinks,
        Field(
            description='Links to this and the neighbouring pages of addresses, on the same host as the request.',
            title='Page links',
        ),
    ]