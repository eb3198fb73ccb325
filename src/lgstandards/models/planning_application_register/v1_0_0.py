# Typed models of planning-application-register@1.0.0, generated from https://schemas.lgstandards.org/planning-application-register/1.0.0/schema.json
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


class ApplicationType(StrEnum):
    """
    The kind of consent the application asks for, as MHCLG codes it. Use the most specific code that fits.
    """

    hh = 'hh'
    full = 'full'
    outline = 'outline'
    reserved_matters = 'reserved-matters'
    demolition_con_area = 'demolition-con-area'
    lbc = 'lbc'
    advertising = 'advertising'
    ldc = 'ldc'
    prior_approval = 'prior-approval'
    s73 = 's73'
    approval_condition = 'approval-condition'
    consent_under_tpo = 'consent-under-tpo'
    non_material_amendment = 'non-material-amendment'
    pip = 'pip'
    extraction_oil_gas = 'extraction-oil-gas'
    hedgerow_removal = 'hedgerow-removal'
    notice_trees_in_con_area = 'notice-trees-in-con-area'
    waste_dev = 'waste-dev'
    land_drainage_consent = 'land-drainage-consent'
    footpath_diversion = 'footpath-diversion'
    cert_alt_appropriate_dev = 'cert-alt-appropriate-dev'
    overhead_lines = 'overhead-lines'
    nsips = 'nsips'
    mod_construction_hours = 'mod-construction-hours'
    extend_duration_permission = 'extend-duration-permission'
    mineral_extraction = 'mineral-extraction'
    mod_discharge_s106 = 'mod-discharge-s106'
    twao = 'twao'
    change_of_use = 'change-of-use'
    reg_3 = 'reg-3'
    reg_4 = 'reg-4'
    mineral_app = 'mineral-app'
    technical_details_consent = 'technical-details-consent'
    romp = 'romp'
    haz_substance_consent = 'haz-substance-consent'
    psi_app = 'psi-app'
    ldc_existing_use = 'ldc-existing-use'
    ldc_prospective_use = 'ldc-prospective-use'
    ldc_proposed_work_lb = 'ldc-proposed-work-lb'
    outline_some = 'outline-some'
    outline_all = 'outline-all'
    pa_extension = 'pa-extension'
    pa_storey = 'pa-storey'
    pa_demo_building = 'pa-demo-building'
    cho_agri_to_dwh = 'cho-agri-to-dwh'
    cho_commercial_to_dwh = 'cho-commercial-to-dwh'
    cho_commercial_to_mixed = 'cho-commercial-to-mixed'
    cho_sui_to_dwh = 'cho-sui-to-dwh'
    cho_agri_to_flexcom = 'cho-agri-to-flexcom'
    cho_agri_to_school = 'cho-agri-to-school'
    cho_comm_to_school = 'cho-comm-to-school'
    cho_amusements_to_dwh = 'cho-amusements-to-dwh'
    pa_flats_de_blocks = 'pa-flats-de-blocks'
    pa_flats_de_comm = 'pa-flats-de-comm'
    pa_flats_terr_comm = 'pa-flats-terr-comm'
    pa_flats_de_dwh = 'pa-flats-de-dwh'
    pa_flats_terr_dwh = 'pa-flats-terr-dwh'
    pa_demo_replace_dwh = 'pa-demo-replace-dwh'
    pa_ecomms_network = 'pa-ecomms-network'
    pa_build_agri_forest = 'pa-build-agri-forest'
    pa_road_agri_forest = 'pa-road-agri-forest'
    pa_excavate_agri = 'pa-excavate-agri'
    pa_fish_struct = 'pa-fish-struct'
    pa_col_fac_shop = 'pa-col-fac-shop'
    pa_roof_solar_nondom = 'pa-roof-solar-nondom'
    pa_uni_building = 'pa-uni-building'
    pa_movable_structure = 'pa-movable-structure'
    pa_accom_defence = 'pa-accom-defence'
    pa_solar_eq_dom = 'pa-solar-eq-dom'
    pa_sa_solar_dom = 'pa-sa-solar-dom'
    pa_sa_solar_nondom = 'pa-sa-solar-nondom'
    pa_solar_nondom_park = 'pa-solar-nondom-park'
    pa_tmp_school_vacant_comm = 'pa-tmp-school-vacant-comm'
    pa_tmp_use_comm_film = 'pa-tmp-use-comm-film'


class Status(StrEnum):
    """
    Where the application is now. The codelist gives the Open Digital Planning and LGA status for each.
    """

    received = 'received'
    invalid = 'invalid'
    validated = 'validated'
    consultation = 'consultation'
    awaiting_decision = 'awaiting-decision'
    called_in = 'called-in'
    determined = 'determined'
    appealed = 'appealed'
    withdrawn = 'withdrawn'
    returned = 'returned'


class Outcome(StrEnum):
    """
    What was decided. The codelist gives the Open Digital Planning and LGA values for each.
    """

    granted = 'granted'
    refused = 'refused'
    split_ = 'split'
    prior_approval_not_required = 'prior-approval-not-required'
    prior_approval_granted = 'prior-approval-granted'
    prior_approval_refused = 'prior-approval-refused'
    no_objection = 'no-objection'
    objection = 'objection'
    declined_to_determine = 'declined-to-determine'


class DecisionLevel(StrEnum):
    """
    Who made the decision.
    """

    delegated = 'delegated'
    committee = 'committee'
    secretary_of_state = 'secretary-of-state'
    planning_inspectorate = 'planning-inspectorate'
    mayor = 'mayor'


class Outcome1(StrEnum):
    """
    How the appeal ended. Leave it out while the appeal is undecided.
    """

    allowed = 'allowed'
    dismissed = 'dismissed'
    split_ = 'split'
    withdrawn = 'withdrawn'


class Event(StrEnum):
    """
    What happened.
    """

    application_submitted = 'application-submitted'
    invalid_from = 'invalid-from'
    valid_from = 'valid-from'
    validation_completed = 'validation-completed'
    application_published = 'application-published'
    publicity_start = 'publicity-start'
    additional_information_requested = 'additional-information-requested'
    additional_information_received = 'additional-information-received'
    consultation_start = 'consultation-start'
    consultation_end = 'consultation-end'
    consultees_contacted = 'consultees-contacted'
    call_in_direction_issued = 'call-in-direction-issued'
    committee_date = 'committee-date'
    resolution_to_grant = 'resolution-to-grant'
    resolution_to_refuse = 'resolution-to-refuse'
    time_extension_agreed = 'time-extension-agreed'
    decision_issued = 'decision-issued'
    application_withdrawn = 'application-withdrawn'
    application_returned = 'application-returned'
    appeal_lodged = 'appeal-lodged'
    appeal_started = 'appeal-started'
    appeal_decided = 'appeal-decided'


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


class PlanningAuthority(StandardModel):
    """
    A planning authority, named by its planning.data.gov.uk organisation identifier and, for a council, its GSS code.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    organisation: Annotated[
        str,
        Field(
            description="The planning authority's planning.data.gov.uk organisation identifier, such as 'local-authority:BIR', or 'national-park-authority:Q27159704' for a national park authority.",
            examples=['local-authority:BIR', 'local-authority:WSX'],
            pattern='^(local-authority|local-planning-authority|national-park-authority|development-corporation|waste-authority|government-organisation):[A-Za-z0-9]{1,16}$',
            title='Organisation identifier',
        ),
    ]
    gss_code: Annotated[
        str | MISSING,
        Field(
            description="The council's GSS code, such as 'E08000025'. Required when the organisation is a local authority.",
            examples=['E07000223', 'E10000032', 'E09000033'],
            pattern='^(E0[6-9]|E10|W06|S12|N09)[0-9]{6}$',
            title='Council GSS code',
        ),
    ] = MISSING
    name: Annotated[
        str | MISSING,
        Field(
            description="The planning authority's name, as people know it.",
            max_length=200,
            min_length=1,
            title='Name',
        ),
    ] = MISSING


class Site(_JsonSchemaRuntimeValidationBase, StandardModel):
    """
    Where a proposal is: its address as text, the properties it covers, and its location as a point, a boundary or both.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    __json_schema_unique_items__: ClassVar[tuple[tuple[object, ...], ...]] = (
        (('uprns',),),
    )

    address_text: Annotated[
        str,
        Field(
            description="The site's address or location description on one line, as the register shows it.",
            max_length=500,
            min_length=1,
            title='Site address',
        ),
    ]
    uprns: Annotated[
        list[Uprn] | MISSING,
        Field(
            description='The Unique Property Reference Numbers of the properties the site covers, each as text.',
            min_length=1,
            title='UPRNs',
        ),
    ] = MISSING
    usrn: Annotated[
        str | MISSING,
        Field(
            description='The Unique Street Reference Number of the street the site is on.',
            examples=['21900653'],
            pattern='^[0-9]{1,8}$',
            title='USRN',
        ),
    ] = MISSING
    postcode: Annotated[
        str | MISSING,
        Field(
            description="The site's postcode.",
            examples=['SW1A 1AA', 'BS1 5TR'],
            pattern='^(GIR 0AA|([A-Z][0-9]{1,2}|[A-Z][A-HJ-Y][0-9]{1,2}|[A-Z][0-9][A-Z]|[A-Z][A-HJ-Y][0-9][A-Z]) [0-9][A-Z]{2})$',
            title='Postcode',
        ),
    ] = MISSING
    point: Annotated[
        list[PositionItem | PositionItem1 | StrictFloat] | MISSING,
        Field(
            description='A representative point on the site, as [longitude, latitude] in WGS84.',
            max_length=3,
            min_length=2,
            title='Point',
        ),
    ] = MISSING
    geometry: Annotated[
        Geometry | MISSING,
        Field(
            description='The site boundary (the red line) as a GeoJSON Polygon or MultiPolygon, or a GeoJSON Point, in WGS84.',
            title='Boundary',
        ),
    ] = MISSING


class Consultation(StandardModel):
    """
    A period when the public could comment.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    start_date: Annotated[
        date_aliased,
        Field(description='The first day comments could be made.', title='Consultation start date'),
    ]
    end_date: Annotated[
        date_aliased,
        Field(
            description='The last day comments could be made; on or after the start date.',
            title='Consultation end date',
        ),
    ]


class Decision(StandardModel):
    """
    A decision on an application.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    outcome: Annotated[
        Outcome,
        Field(
            description='What was decided. The codelist gives the Open Digital Planning and LGA values for each.',
            title='Outcome',
        ),
    ]
    decision_date: Annotated[
        date_aliased,
        Field(
            description='The day the decision was made and the notice issued.',
            title='Decision date',
        ),
    ]
    decision_level: Annotated[
        DecisionLevel | MISSING, Field(description='Who made the decision.', title='Decision level')
    ] = MISSING
    notice_url: Annotated[
        str | MISSING,
        Field(
            description='Where the decision notice can be read.',
            max_length=2000,
            pattern='^https://[^\\s]+$',
            title='Decision notice URL',
        ),
    ] = MISSING


class Appeal(_JsonSchemaRuntimeValidationBase, StandardModel):
    """
    An appeal to the Planning Inspectorate.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )

    __json_schema_conditional_required__: ClassVar[tuple[Any, ...]] = (
        {
            'condition': ((('outcome',), ()),),
            'then_required_groups': ((('decision_date',),),),
            'else_required_groups': (),
        },
    )

    reference: Annotated[
        str | MISSING,
        Field(
            description="The Planning Inspectorate's reference for the appeal, such as 'APP/X1234/W/26/3345678'.",
            max_length=100,
            pattern='^[A-Za-z0-9][A-Za-z0-9./_:-]*( [A-Za-z0-9./_:-]+)*$',
            title='Appeal reference',
        ),
    ] = MISSING
    lodged_date: Annotated[
        date_aliased, Field(description='The day the appeal was made.', title='Appeal lodged date')
    ]
    outcome: Annotated[
        Outcome1 | MISSING,
        Field(
            description='How the appeal ended. Leave it out while the appeal is undecided.',
            title='Appeal outcome',
        ),
    ] = MISSING
    decision_date: Annotated[
        date_aliased | MISSING,
        Field(
            description='The day the appeal was decided or closed. Required with an outcome.',
            title='Appeal decision date',
        ),
    ] = MISSING


class TimelineEvent(StandardModel):
    """
    A dated event in an application's life.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    event: Annotated[Event, Field(description='What happened.', title='Event')]
    date: Annotated[date_aliased, Field(description='The day it happened.', title='Event date')]
    note: Annotated[
        str | MISSING,
        Field(
            description='Anything a reader needs to know about the event, without HTML.',
            max_length=1000,
            min_length=1,
            title='Note',
        ),
    ] = MISSING


class PlanningApplicationRegister(_JsonSchemaRuntimeValidationBase, StandardModel):
    """
    One planning application as a planning authority publishes it on its register: what was asked for, where, the key dates, where it has got to, and the decision and any appeal. Application types are MHCLG's codes, and the codelists give the matching Open Digital Planning values.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )

    __json_schema_conditional_required__: ClassVar[tuple[Any, ...]] = (
        {
            'condition': ((('status',), ('determined',)),),
            'then_required_groups': ((('decision',),),),
            'else_required_groups': (),
        },
        {
            'condition': ((('status',), ('appealed',)),),
            'then_required_groups': ((('appeal',),),),
            'else_required_groups': (),
        },
        {
            'condition': ((('status',), ('withdrawn',)),),
            'then_required_groups': ((('withdrawn_date',),),),
            'else_required_groups': (),
        },
    )

    reference: Annotated[
        str,
        Field(
            description="The planning authority's reference for the application, as it appears on the register and on letters, such as '26/00123/FUL'. Unique within the authority.",
            max_length=100,
            pattern='^[A-Za-z0-9][A-Za-z0-9./_:-]*( [A-Za-z0-9./_:-]+)*$',
            title='Reference',
        ),
    ]
    organisation: Annotated[
        PlanningAuthority,
        Field(
            description='The planning authority that holds the application.',
            title='Planning authority',
        ),
    ]
    application_type: Annotated[
        ApplicationType,
        Field(
            description='The kind of consent the application asks for, as MHCLG codes it. Use the most specific code that fits.',
            title='Application type',
        ),
    ]
    description: Annotated[
        str,
        Field(
            description='What the applicant proposes, in the words the register uses, without HTML.',
            max_length=5000,
            min_length=1,
            title='Description of the proposal',
        ),
    ]
    site: Annotated[Site, Field(description='Where the proposal is.', title='Site')]
    received_date: Annotated[
        date_aliased,
        Field(
            description='The day the planning authority received the application.',
            title='Received date',
        ),
    ]
    valid_date: Annotated[
        date_aliased | MISSING,
        Field(
            description='The day from which the planning authority treated the application as valid; the statutory time limit runs from here.',
            title='Valid date',
        ),
    ] = MISSING
    target_decision_date: Annotated[
        date_aliased | MISSING,
        Field(
            description='The day by which the application should be decided: the statutory date, or a later date the applicant agreed.',
            title='Target decision date',
        ),
    ] = MISSING
    consultation: Annotated[
        Consultation | MISSING,
        Field(
            description='When the public could comment on the application.', title='Consultation'
        ),
    ] = MISSING
    status: Annotated[
        Status,
        Field(
            description='Where the application is now. The codelist gives the Open Digital Planning and LGA status for each.',
            title='Status',
        ),
    ]
    withdrawn_date: Annotated[
        date_aliased | MISSING,
        Field(
            description="The day the applicant withdrew the application. Required when the status is 'withdrawn'.",
            title='Withdrawn date',
        ),
    ] = MISSING
    decision: Annotated[
        Decision | MISSING,
        Field(
            description="The decision on the application. Required when the status is 'determined'.",
            title='Decision',
        ),
    ] = MISSING
    appeal: Annotated[
        Appeal | MISSING,
        Field(
            description="The appeal against the decision, or against a failure to decide in time. Required when the status is 'appealed'.",
            title='Appeal',
        ),
    ] = MISSING
    documentation_url: Annotated[
        str | MISSING,
        Field(
            description="The page on the planning authority's website about this application, with its documents.",
            max_length=2000,
            pattern='^https://[^\\s]+$',
            title='Documentation URL',
        ),
    ] = MISSING
    timeline: Annotated[
        list[TimelineEvent] | MISSING,
        Field(
            description="Dated events in the application's life, oldest first.",
            min_length=1,
            title='Timeline',
        ),
    ] = MISSING
    extensions: Annotated[
        dict[str, Any] | MISSING,
        Field(
            description="Local additions that this standard does not define. Name each key after the publisher or product, such as 'camden_ward', so that two additions cannot clash. Validators do not check what is inside.",
            title='Extensions',
        ),
    ] = MISSING