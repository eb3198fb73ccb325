# Typed models of waste-bulky-booking@1.0.0, generated from https://schemas.lgstandards.org/waste-bulky-booking/1.0.0/schema.json
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


class PricingScheme(StrEnum):
    """
    How the price was worked out.
    """

    free = 'free'
    flat = 'flat'
    per_item = 'per_item'
    banded = 'banded'
    banded_pops = 'banded_pops'


class Status(StrEnum):
    """
    Where the booking is in its life.
    """

    pending_payment = 'pending_payment'
    confirmed = 'confirmed'
    collected = 'collected'
    partly_collected = 'partly_collected'
    not_collected = 'not_collected'
    cancelled = 'cancelled'


class Item(StandardModel):
    """
    An item, or several of the same item, to be collected.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    item_code: Annotated[
        str,
        Field(
            description="The item's code from the council's list of bulky items.",
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Item code',
        ),
    ]
    name: Annotated[
        str,
        Field(
            description="The item's name as the resident chose or described it, such as 'Sofa (two-seater)'.",
            max_length=200,
            min_length=1,
            title='Item name',
        ),
    ]
    quantity: Annotated[
        StrictInt, Field(description='How many of the item.', ge=1, le=50, title='Quantity')
    ]
    contains_pops: Annotated[
        StrictBool,
        Field(
            description='Whether the item contains persistent organic pollutants (POPs), as upholstered domestic seating does, and so must be kept apart and incinerated.',
            title='Contains POPs',
        ),
    ]
    note: Annotated[
        str | MISSING,
        Field(
            description="Anything the crew needs to know about the item, such as 'Legs removed'.",
            max_length=500,
            min_length=1,
            title='Note',
        ),
    ] = MISSING


class Window(StrEnum):
    """
    The part of the day the crew will come.
    """

    all_day = 'all_day'
    morning = 'morning'
    afternoon = 'afternoon'


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


class Slot(StandardModel):
    """
    When the collection will be made.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    date: Annotated[
        date_aliased, Field(description='The day of the collection.', title='Slot date')
    ]
    window: Annotated[
        Window, Field(description='The part of the day the crew will come.', title='Time window')
    ]
    start_time: Annotated[
        str | MISSING,
        Field(
            description='The earliest time the crew will come, when the council gives one.',
            pattern='^([01][0-9]|2[0-3]):[0-5][0-9]$',
            title='Start time',
        ),
    ] = MISSING
    end_time: Annotated[
        str | MISSING,
        Field(
            description='The latest time the crew will come, when the council gives one.',
            pattern='^([01][0-9]|2[0-3]):[0-5][0-9]$',
            title='End time',
        ),
    ] = MISSING


class WasteBulkyBooking(_JsonSchemaRuntimeValidationBase, StandardModel):
    """
    A booking for the collection of bulky household items: what, when, for how much, and where the booking is in its life.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )

    __json_schema_conditional_required__: ClassVar[tuple[Any, ...]] = (
        {
            'condition': ((('status',), ('cancelled',)),),
            'then_required_groups': ((('cancelled_at',),),),
            'else_required_groups': (),
        },
    )

    reference: Annotated[
        str,
        Field(
            description="The council's reference for the booking, quoted to the resident.",
            pattern='^[A-Za-z0-9][A-Za-z0-9/_-]{0,49}$',
            title='Reference',
        ),
    ]
    publisher: Annotated[
        Council,
        Field(
            description='The council that takes the booking: the collection authority.',
            title='Publisher',
        ),
    ]
    uprn: Annotated[
        str,
        Field(
            description='The Unique Property Reference Number of the property to collect from.',
            examples=['100023336956', '000000199356'],
            pattern='^[0-9]{1,12}$',
            title='UPRN',
        ),
    ]
    address: Annotated[
        Address | MISSING,
        Field(description='The address of the property to collect from.', title='Address'),
    ] = MISSING
    service_id: Annotated[
        str | MISSING,
        Field(
            description="The identifier of the bulky waste service, as the council's service catalogue gives it.",
            pattern='^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
            title='Service',
        ),
    ] = MISSING
    items: Annotated[
        list[Item],
        Field(description='The items to be collected.', max_length=50, min_length=1, title='Items'),
    ]
    booked_at: Annotated[
        AwareDatetime, Field(description='When the resident made the booking.', title='Booked at')
    ]
    slot: Annotated[Slot, Field(description='When the collection will be made.', title='Slot')]
    location_note: Annotated[
        str | MISSING,
        Field(
            description="Where the resident will leave the items, such as 'Front garden, by the gate'.",
            max_length=500,
            min_length=1,
            title='Where the items will be',
        ),
    ] = MISSING
    price: Annotated[
        Money,
        Field(description='What the booking costs in total; 0 when it is free.', title='Price'),
    ]
    pricing_scheme: Annotated[
        PricingScheme, Field(description='How the price was worked out.', title='Pricing scheme')
    ]
    payment_reference: Annotated[
        str | MISSING,
        Field(
            description="The payment provider's reference for the payment.",
            max_length=100,
            min_length=1,
            title='Payment reference',
        ),
    ] = MISSING
    status: Annotated[
        Status, Field(description='Where the booking is in its life.', title='Status')
    ]
    cancellation_cutoff_at: Annotated[
        AwareDatetime | MISSING,
        Field(
            description='The last moment the resident may cancel the booking and have a refund.',
            title='Cancellation cut-off',
        ),
    ] = MISSING
    cancelled_at: Annotated[
        AwareDatetime | MISSING,
        Field(
            description='When the booking was cancelled. Required when the status is cancelled.',
            title='Cancelled at',
        ),
    ] = MISSING
    refund: Annotated[
        Money | MISSING,
        Field(
            description='What was refunded, when the booking was cancelled in time.', title='Refund'
        ),
    ] = MISSING
    collected_at: Annotated[
        AwareDatetime | MISSING,
        Field(description='When the crew recorded the collection.', title='Collected at'),
    ] = MISSING
    contact: Annotated[
        Contact | MISSING,
        Field(
            description='How to contact the resident about the booking, and whether they agreed to it.',
            title='Contact',
        ),
    ] = MISSING
    extensions: Annotated[
        dict[str, Any] | MISSING,
        Field(
            description="Local additions that this standard does not define. Name each key after the publisher or product, such as 'adur_round_code', so that two additions cannot clash. Validators do not check what is inside.",
            title='Extensions',
        ),
    ] = MISSING