# Typed models of street-reports-api@1.0.0, generated from https://schemas.lgstandards.org/street-reports-api/1.0.0/schema.json
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


class Status(StrEnum):
    """
    Open311's status: open or closed. The finer status of a request is the status of its latest update (see request_update).
    """

    open = 'open'
    closed = 'closed'


class Type(StrEnum):
    """
    How the service handles requests: realtime (an id at once), batch (a token first) or blackbox (no status afterwards).
    """

    realtime = 'realtime'
    batch = 'batch'
    blackbox = 'blackbox'


class Service(StandardModel):
    """
    One kind of request people can make, as GET /services.json lists it.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    service_code: Annotated[
        str,
        Field(
            description='The identifier of this service, which requests give as their service_code.',
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Service code',
        ),
    ]
    service_name: Annotated[
        str,
        Field(
            description="The name people see, such as 'Pothole'.",
            max_length=200,
            min_length=1,
            title='Service name',
        ),
    ]
    description: Annotated[
        str | MISSING,
        Field(
            description='What the service is for.',
            max_length=2000,
            min_length=1,
            title='Description',
        ),
    ] = MISSING
    metadata: Annotated[
        StrictBool,
        Field(
            description='True when GET /services/{service_code}.json describes extra attributes to collect.',
            title='Has a definition',
        ),
    ]
    type: Annotated[
        Type,
        Field(
            description='How the service handles requests: realtime (an id at once), batch (a token first) or blackbox (no status afterwards).',
            title='Type',
        ),
    ]
    keywords: Annotated[
        str | MISSING,
        Field(
            description='Comma-separated words that help people find the service.',
            max_length=500,
            min_length=1,
            title='Keywords',
        ),
    ] = MISSING
    group: Annotated[
        str | MISSING,
        Field(
            description="The category the service belongs to, such as 'Roads'.",
            max_length=200,
            min_length=1,
            title='Group',
        ),
    ] = MISSING


class ServiceList(RootModel[list[Service]]):
    """
    Every service, as GET /services.json answers.
    """

    root: Annotated[
        list[Service],
        Field(description='Every service, as GET /services.json answers.', title='Service list'),
    ]


class AttributeValue(StandardModel):
    """
    One allowed answer of a list attribute.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    key: Annotated[
        str,
        Field(
            description='What is sent for this answer.', max_length=200, min_length=1, title='Key'
        ),
    ]
    name: Annotated[
        str,
        Field(
            description='What people see for this answer.',
            max_length=200,
            min_length=1,
            title='Name',
        ),
    ]


class Datatype(StrEnum):
    """
    The kind of answer: string (one line of text), number, datetime (an RFC 3339 date-time), text (several lines), singlevaluelist (one of values) or multivaluelist (any of values).
    """

    string = 'string'
    number = 'number'
    datetime = 'datetime'
    text = 'text'
    singlevaluelist = 'singlevaluelist'
    multivaluelist = 'multivaluelist'


class Attribute(_JsonSchemaRuntimeValidationBase, StandardModel):
    """
    A question a service asks beyond the standard request fields.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )

    __json_schema_conditional_required__: ClassVar[tuple[Any, ...]] = (
        {
            'condition': ((('datatype',), ('singlevaluelist', 'multivaluelist')),),
            'then_required_groups': ((('values',),),),
            'else_required_groups': (),
        },
    )

    variable: Annotated[
        StrictBool,
        Field(
            description='False for an informational attribute that takes no answer.',
            title='Variable',
        ),
    ]
    code: Annotated[
        str,
        Field(
            description="The attribute's identifier, sent as attribute[code].",
            max_length=200,
            min_length=1,
            title='Code',
        ),
    ]
    datatype: Annotated[
        Datatype,
        Field(
            description='The kind of answer: string (one line of text), number, datetime (an RFC 3339 date-time), text (several lines), singlevaluelist (one of values) or multivaluelist (any of values).',
            title='Data type',
        ),
    ]
    required: Annotated[
        StrictBool, Field(description='Whether a request must answer it.', title='Required')
    ]
    datatype_description: Annotated[
        str | MISSING,
        Field(
            description='How to write the answer, for people.',
            max_length=500,
            min_length=1,
            title='Data type description',
        ),
    ] = MISSING
    order: Annotated[
        StrictInt,
        Field(description='Where the attribute comes in the form, from 1.', ge=1, title='Order'),
    ]
    description: Annotated[
        str,
        Field(
            description='The question, as people see it.',
            max_length=2000,
            min_length=1,
            title='Description',
        ),
    ]
    values: Annotated[
        list[AttributeValue] | MISSING,
        Field(description='The allowed answers of a list attribute.', title='Values'),
    ] = MISSING


class ServiceDefinition(StandardModel):
    """
    The extra attributes a service asks for, as GET /services/{service_code}.json answers.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    service_code: Annotated[
        str,
        Field(
            description='The service this definition is for.',
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Service code',
        ),
    ]
    attributes: Annotated[
        list[Attribute],
        Field(
            description='The attributes, in any order; order says how to show them.',
            title='Attributes',
        ),
    ]


class RequestCreated(_JsonSchemaRuntimeValidationBase, StandardModel):
    """
    What POST /requests.json answers for the new request: its id, or a token for batch services.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )

    __json_schema_any_of_required_groups__: ClassVar[tuple[Any, ...]] = (
        ((('service_request_id',),), (('token',),)),
    )

    service_request_id: Annotated[
        str | MISSING,
        Field(
            description='The identifier of the request just created.',
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Service request id',
        ),
    ] = MISSING
    token: Annotated[
        str | MISSING,
        Field(
            description='For batch services: a token to exchange for the id later.',
            max_length=200,
            min_length=1,
            title='Token',
        ),
    ] = MISSING
    service_notice: Annotated[
        str | MISSING,
        Field(
            description='Information about the request for the person making it.',
            max_length=2000,
            min_length=1,
            title='Service notice',
        ),
    ] = MISSING
    account_id: Annotated[
        str | MISSING,
        Field(
            description="The person's account, when the council has one for them.",
            max_length=200,
            min_length=1,
            title='Account id',
        ),
    ] = MISSING


class RequestCreatedList(RootModel[list[RequestCreated]]):
    """
    The answer to POST /requests.json: a list of one.
    """

    root: Annotated[
        list[RequestCreated],
        Field(
            description='The answer to POST /requests.json: a list of one.',
            max_length=1,
            min_length=1,
            title='Request created list',
        ),
    ]


class Status1(StrEnum):
    """
    The request's status after this update, from FixMyStreet's extended statuses; always lower case.
    """

    unchanged = 'unchanged'
    open = 'open'
    closed = 'closed'
    fixed = 'fixed'
    in_progress = 'in_progress'
    planned = 'planned'
    action_scheduled = 'action_scheduled'
    investigating = 'investigating'
    duplicate = 'duplicate'
    not_councils_responsibility = 'not_councils_responsibility'
    no_further_action = 'no_further_action'
    internal_referral = 'internal_referral'
    cancelled = 'cancelled'
    reopen = 'reopen'
    for_triage = 'for_triage'


class UpdateCreatedListItem(StandardModel):
    """
    The update that was stored.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    update_id: Annotated[
        str,
        Field(
            description='The identifier the council gave the update.',
            max_length=64,
            min_length=1,
            title='Update id',
        ),
    ]


class UpdateCreatedList(RootModel[list[UpdateCreatedListItem]]):
    """
    The answer to POST /servicerequestupdates.json: a list of one, naming the update.
    """

    root: Annotated[
        list[UpdateCreatedListItem],
        Field(
            description='The answer to POST /servicerequestupdates.json: a list of one, naming the update.',
            max_length=1,
            min_length=1,
            title='Update created list',
        ),
    ]


class ErrorListItem(StandardModel):
    """
    One error.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    code: Annotated[
        StrictInt,
        Field(description='A number naming the error; usually the HTTP status.', title='Code'),
    ]
    description: Annotated[
        str,
        Field(
            description='What went wrong, for people.',
            max_length=2000,
            min_length=1,
            title='Description',
        ),
    ]


class ErrorList(RootModel[list[ErrorListItem]]):
    """
    Open311's error body, sent with every 4xx and 5xx response: a list of errors, each with a code and a description.
    """

    root: Annotated[
        list[ErrorListItem],
        Field(
            description="Open311's error body, sent with every 4xx and 5xx response: a list of errors, each with a code and a description.",
            min_length=1,
            title='Error list',
        ),
    ]


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


class Date(RootModel[date]):
    root: Annotated[
        date,
        Field(description='A calendar date in RFC 3339 full-date form, YYYY-MM-DD.', title='Date'),
    ]


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


class Type1(Enum):
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
    type: Annotated[Type1, Field(description='The GeoJSON geometry type.', title='Geometry type')]
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


class StreetReportsApi(StandardModel):
    """
    One service request (a street report such as a pothole or a broken street light) as the street reports API lists it: Open311 GeoReport v2 fields in JSON, with identifiers as strings, postcodes as UK postcodes and date-times in RFC 3339 with an offset. The other bodies of the API are in $defs.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    service_request_id: Annotated[
        str,
        Field(
            description="The council's identifier of this request: always a string (Open311's examples wrote numbers, which lose leading zeros).",
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Service request id',
        ),
    ]
    status: Annotated[
        Status,
        Field(
            description="Open311's status: open or closed. The finer status of a request is the status of its latest update (see request_update).",
            title='Status',
        ),
    ]
    status_notes: Annotated[
        str | MISSING,
        Field(
            description='What the council says about the current status, such as why it was closed.',
            max_length=2000,
            min_length=1,
            title='Status notes',
        ),
    ] = MISSING
    service_name: Annotated[
        str | MISSING,
        Field(
            description='The name of the service the request is for.',
            max_length=200,
            min_length=1,
            title='Service name',
        ),
    ] = MISSING
    service_code: Annotated[
        str,
        Field(
            description='The service this request is for, as GET /services.json lists it.',
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Service code',
        ),
    ]
    description: Annotated[
        str | MISSING,
        Field(
            description='What the person reporting said, as plain text without HTML.',
            max_length=4000,
            min_length=1,
            title='Description',
        ),
    ] = MISSING
    agency_responsible: Annotated[
        str | MISSING,
        Field(
            description='The council department or contractor handling the request.',
            max_length=200,
            min_length=1,
            title='Agency responsible',
        ),
    ] = MISSING
    service_notice: Annotated[
        str | MISSING,
        Field(
            description='Information the council wants everyone to see about the request, such as an expected fix date.',
            max_length=2000,
            min_length=1,
            title='Service notice',
        ),
    ] = MISSING
    requested_datetime: Annotated[
        AwareDatetime, Field(description='When the request was made.', title='Requested at')
    ]
    updated_datetime: Annotated[
        AwareDatetime | MISSING,
        Field(description='When the request last changed.', title='Updated at'),
    ] = MISSING
    expected_datetime: Annotated[
        AwareDatetime | MISSING,
        Field(
            description='When the council expects to have dealt with the request.',
            title='Expected at',
        ),
    ] = MISSING
    address: Annotated[
        str | MISSING,
        Field(
            description='The human-readable address or description of the location.',
            max_length=500,
            min_length=1,
            title='Address',
        ),
    ] = MISSING
    address_id: Annotated[
        str | MISSING,
        Field(
            description="The council's identifier for the location; the UPRN when the location is a property.",
            max_length=64,
            min_length=1,
            title='Address id',
        ),
    ] = MISSING
    zipcode: Annotated[
        str | MISSING,
        Field(
            description='The postcode of the location. Open311 calls it zipcode; here it is a UK postcode.',
            examples=['SW1A 1AA', 'BS1 5TR'],
            pattern='^(GIR 0AA|([A-Z][0-9]{1,2}|[A-Z][A-HJ-Y][0-9]{1,2}|[A-Z][0-9][A-Z]|[A-Z][A-HJ-Y][0-9][A-Z]) [0-9][A-Z]{2})$',
            title='Postcode',
        ),
    ] = MISSING
    lat: Annotated[
        StrictFloat | MISSING,
        Field(
            description='WGS84 latitude of the location in decimal degrees.',
            ge=-90.0,
            le=90.0,
            title='Latitude',
        ),
    ] = MISSING
    long: Annotated[
        StrictFloat | MISSING,
        Field(
            description='WGS84 longitude of the location in decimal degrees.',
            ge=-180.0,
            le=180.0,
            title='Longitude',
        ),
    ] = MISSING
    media_url: Annotated[
        str | MISSING,
        Field(
            description='The address of a photo or other media that came with the report.',
            max_length=2000,
            pattern='^https?://',
            title='Media URL',
        ),
    ] = MISSING
    extensions: Annotated[
        dict[str, Any] | MISSING,
        Field(
            description='Local additions, named by the publisher. Consumers may ignore them.',
            title='Extensions',
        ),
    ] = MISSING


class ServiceRequestList(RootModel[list[StreetReportsApi]]):
    """
    Service requests, as GET /requests.json answers; GET /requests/{id}.json answers a list of exactly one.
    """

    root: Annotated[
        list[StreetReportsApi],
        Field(
            description='Service requests, as GET /requests.json answers; GET /requests/{id}.json answers a list of exactly one.',
            title='Service request list',
        ),
    ]


class RequestUpdate(StandardModel):
    """
    One change to a request, as GET /servicerequestupdates.json lists it (the FixMyStreet extension to Open311).
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    update_id: Annotated[
        str,
        Field(
            description='The identifier of this update.',
            max_length=64,
            min_length=1,
            title='Update id',
        ),
    ]
    service_request_id: Annotated[
        str,
        Field(
            description='The request this update is about.',
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Service request id',
        ),
    ]
    status: Annotated[
        Status1,
        Field(
            description="The request's status after this update, from FixMyStreet's extended statuses; always lower case.",
            title='Status',
        ),
    ]
    external_status_code: Annotated[
        str | MISSING,
        Field(
            description="The back-office system's own status code, for councils that map it to their own messages.",
            max_length=100,
            min_length=1,
            title='External status code',
        ),
    ] = MISSING
    description: Annotated[
        str,
        Field(
            description='What the council says happened.',
            max_length=4000,
            min_length=1,
            title='Description',
        ),
    ]
    updated_datetime: Annotated[
        AwareDatetime, Field(description='When the update happened.', title='Updated at')
    ]
    media_url: Annotated[
        str | MISSING,
        Field(
            description='The address of a photo or other media that came with this update.',
            max_length=2000,
            pattern='^https?://',
            title='Media URL',
        ),
    ] = MISSING


class RequestUpdateList(RootModel[list[RequestUpdate]]):
    """
    Updates, as GET /servicerequestupdates.json answers.
    """

    root: Annotated[
        list[RequestUpdate],
        Field(
            description='Updates, as GET /servicerequestupdates.json answers.',
            title='Request update list',
        ),
    ]