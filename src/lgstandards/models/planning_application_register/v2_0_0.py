# Typed models of planning-application-register@2.0.0, generated from https://schemas.lgstandards.org/planning-application-register/2.0.0/schema.json
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


class _JsonSchemaRuntimeValidationBaseCore(BaseModel):
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


class _JsonSchemaRuntimeValidationBase(BaseModel):
    __json_schema_property_count_rule__: ClassVar[tuple[Any, ...]] = ()

    @model_validator(mode='before')
    @classmethod
    def _validate_json_schema_property_count(cls, data: Any) -> Any:
        if not (rule := cls.__json_schema_property_count_rule__):
            return data
        if not (isinstance(data, dict) or isinstance(data, _Mapping)):
            return data
        property_count = len(data)
        min_properties, max_properties = rule
        if min_properties is not None and property_count < min_properties:
            raise ValueError(f'Expected at least {min_properties} properties')
        if max_properties is not None and property_count > max_properties:
            raise ValueError(f'Expected at most {max_properties} properties')
        return data


class ApplicationType(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description='One application type code, in lower-case kebab-case.',
            max_length=60,
            pattern='^[a-z0-9]+(-[a-z0-9]+)*$',
            title='Application type',
        ),
    ]


class LocalApplicationType(StandardModel):
    """
    The type as the authority's own system records it, such as its suffix in the reference. Required when application_types holds 'other'.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    code: Annotated[
        str,
        Field(
            description="The authority's own code for the type, such as 'HOU', 'FUL' or 'TCA'.",
            max_length=50,
            min_length=1,
            title='Local type code',
        ),
    ]
    title: Annotated[
        str | MISSING,
        Field(
            description="The authority's own name for the type, such as 'Householder application'.",
            max_length=200,
            min_length=1,
            title='Local type name',
        ),
    ] = MISSING


class DevelopmentScale(StrEnum):
    """
    How the authority classified the development for MHCLG's PS1 and PS2 returns: major, minor or other (in Scotland: national, major or local). The classification at the decision, or the latest one.
    """

    major = 'major'
    minor = 'minor'
    other = 'other'
    national = 'national'
    local = 'local'


class DevelopmentCategory(StrEnum):
    """
    The kind of development, in the categories MHCLG's PS2 return counts decisions by, such as dwellings or householder development.
    """

    dwellings = 'dwellings'
    offices_light_industry = 'offices-light-industry'
    industry_storage_warehousing = 'industry-storage-warehousing'
    retail_services = 'retail-services'
    traveller_sites = 'traveller-sites'
    all_other = 'all-other'
    minerals = 'minerals'
    change_of_use = 'change-of-use'
    householder = 'householder'
    advertisements = 'advertisements'
    listed_building_alter = 'listed-building-alter'
    listed_building_demolish = 'listed-building-demolish'
    conservation_area_demolition = 'conservation-area-demolition'
    lawful_development_certificate = 'lawful-development-certificate'
    notifications = 'notifications'


class Dwellings(_JsonSchemaRuntimeValidationBase, StandardModel):
    """
    The homes the proposal would create, for housing monitoring and MHCLG's returns.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    __json_schema_property_count_rule__: ClassVar[tuple[Any, ...]] = (1, None)
    proposed: Annotated[
        StrictInt | MISSING,
        Field(
            description='How many homes the proposal would create, counting each flat and house.',
            ge=0,
            le=100000,
            title='Dwellings proposed',
        ),
    ] = MISSING
    net: Annotated[
        StrictInt | MISSING,
        Field(
            description='The change in the number of homes: those proposed less those lost, by demolition or change of use. Negative when homes are lost.',
            ge=-100000,
            le=100000,
            title='Net dwellings',
        ),
    ] = MISSING


class OfficerRecommendation(StrEnum):
    """
    What the case officer recommended to the decision-maker, such as 'granted' or 'refused', in the decision outcome codes.
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
    observations = 'observations'
    eia_required = 'eia-required'
    eia_not_required = 'eia-not-required'
    scoping_opinion_given = 'scoping-opinion-given'
    advice_given = 'advice-given'
    discharged = 'discharged'
    partly_discharged = 'partly-discharged'
    not_discharged = 'not-discharged'
    remedial_notice_issued = 'remedial-notice-issued'
    complaint_not_upheld = 'complaint-not-upheld'


class Status(StrEnum):
    """
    Where the application is now. The codelist gives the Open Digital Planning and LGA status for each.
    """

    received = 'received'
    invalid = 'invalid'
    validated = 'validated'
    consultation = 'consultation'
    awaiting_decision = 'awaiting-decision'
    resolution_to_grant_subject_to_s106 = 'resolution-to-grant-subject-to-s106'
    called_in = 'called-in'
    determined = 'determined'
    appealed = 'appealed'
    withdrawn = 'withdrawn'
    returned = 'returned'


class Outcome(StrEnum):
    """
    What was decided. The codelist gives the Open Digital Planning and LGA values for each, and the application types an outcome belongs to.
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
    observations = 'observations'
    eia_required = 'eia-required'
    eia_not_required = 'eia-not-required'
    scoping_opinion_given = 'scoping-opinion-given'
    advice_given = 'advice-given'
    discharged = 'discharged'
    partly_discharged = 'partly-discharged'
    not_discharged = 'not-discharged'
    remedial_notice_issued = 'remedial-notice-issued'
    complaint_not_upheld = 'complaint-not-upheld'


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
    referred_to_committee = 'referred-to-committee'
    appeal_validated = 'appeal-validated'
    legal_agreement_completed = 'legal-agreement-completed'
    planning_performance_agreement_signed = 'planning-performance-agreement-signed'


class Ward(StandardModel):
    """
    An electoral ward, by name and GSS code.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    name: Annotated[
        str,
        Field(
            description="The ward's name, such as 'Brixton North'.",
            max_length=200,
            min_length=1,
            title='Ward name',
        ),
    ]
    gss_code: Annotated[
        str | MISSING,
        Field(
            description="The ward's GSS code: E05 (England), W05 (Wales), S13 (Scotland) or N08 (Northern Ireland) and six digits.",
            pattern='^(E05|W05|S13|N08)[0-9]{6}$',
            title='Ward GSS code',
        ),
    ] = MISSING


class Outcome2(StrEnum):
    """
    Whether the condition was discharged.
    """

    discharged = 'discharged'
    partly_discharged = 'partly-discharged'
    not_discharged = 'not-discharged'


class ConditionDecision(StandardModel):
    """
    What was decided about one condition of the earlier permission.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    condition: Annotated[
        str,
        Field(
            description="The condition's number or label as the permission gives it, such as '3' or '12(b)'.",
            max_length=50,
            min_length=1,
            title='Condition',
        ),
    ]
    outcome: Annotated[
        Outcome2, Field(description='Whether the condition was discharged.', title='Outcome')
    ]


class Relationship(StrEnum):
    """
    How the linked application relates to this one.
    """

    parent_permission = 'parent-permission'
    resubmission_of = 'resubmission-of'
    related = 'related'
    consulted_on = 'consulted-on'


class Type(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description='One document type code.',
            max_length=100,
            pattern='^[A-Za-z0-9][A-Za-z0-9._-]*$',
            title='Document type',
        ),
    ]


class Constraint(StandardModel):
    """
    A designation or constraint that applies to the site.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    type: Annotated[
        str,
        Field(
            description="What kind of designation it is, as a planning.data.gov.uk dataset name where there is one, such as 'conservation-area' or 'listed-building'.",
            max_length=100,
            pattern='^[a-z0-9]+(-[a-z0-9]+)*$',
            title='Constraint type',
        ),
    ]
    name: Annotated[
        str | MISSING,
        Field(
            description="The designation's own name, such as 'Stockwell Park conservation area'.",
            max_length=500,
            min_length=1,
            title='Name',
        ),
    ] = MISSING
    url: Annotated[
        str | MISSING,
        Field(
            description="The designation's record, such as its planning.data.gov.uk entity page.",
            max_length=2000,
            pattern='^https://[^\\s]+$',
            title='Link',
        ),
    ] = MISSING


class Uprn(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description='Unique Property Reference Number as Ordnance Survey issues it: a positive whole number of 1 to 12 digits, without leading zeros, written as a string.',
            examples=['100023336956', '199356'],
            pattern='^[1-9][0-9]{0,11}$',
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


class Council(_JsonSchemaRuntimeValidationBaseCore, StandardModel):
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
            pattern='^((local-authority):[A-Z]{3,5}|(local-planning-authority):E60[0-9]{6}|(local-planning-group):([A-Z]{3,5}|Q[1-9][0-9]{0,9})(-([A-Z]{3,5}|Q[1-9][0-9]{0,9})){1,9}|(national-park-authority|development-corporation|waste-authority|public-authority|regional-park-authority|passenger-transport-executive|nonprofit):Q[1-9][0-9]{0,9}|(government-organisation):[A-Z]{1,3}[1-9][0-9]{0,5})$',
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


class Address(_JsonSchemaRuntimeValidationBaseCore, StandardModel):
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
            pattern='^(GIR 0AA|([A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2})$',
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
            examples=['0117 922 2000', '(01273) 263000', '+44 (0)1273 263000', '01273 263000 ext 123', '0300 123 4567'],
            pattern='^(\\+|\\()?[0-9]([ ()-]{0,3}[0-9]){6,19}( ?([Ee][Xx][Tt]\\.?|[Ee]xtension|[Xx]) ?[0-9]{1,6})?$',
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


class PlanningPerformanceAgreement(StandardModel):
    """
    The planning performance agreement the applicant and the authority signed, if there is one. MHCLG's returns count a decision by its agreed date as on time.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    agreed_date: Annotated[
        date_aliased | MISSING,
        Field(description='The day the agreement was signed.', title='Agreement date'),
    ] = MISSING
    decision_due_date: Annotated[
        date_aliased,
        Field(
            description='The day the agreement says the application is to be decided by.',
            title='Agreed decision date',
        ),
    ]


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
            examples=['local-authority:BIR', 'local-authority:GMCA', 'national-park-authority:Q72617158', 'development-corporation:Q6670544', 'government-organisation:D1342', 'local-planning-group:WDO-WEY'],
            max_length=100,
            pattern='^((local-authority):[A-Z]{3,5}|(local-planning-authority):E60[0-9]{6}|(local-planning-group):([A-Z]{3,5}|Q[1-9][0-9]{0,9})(-([A-Z]{3,5}|Q[1-9][0-9]{0,9})){1,9}|(national-park-authority|development-corporation|waste-authority|public-authority|regional-park-authority|passenger-transport-executive|nonprofit):Q[1-9][0-9]{0,9}|(government-organisation):[A-Z]{1,3}[1-9][0-9]{0,5})$',
            title='Organisation identifier',
        ),
    ]
    gss_code: Annotated[
        str | MISSING,
        Field(
            description="The council's GSS code, such as 'E08000025'. Required when the organisation is a local authority.",
            examples=['E07000223', 'E10000032', 'E09000033', 'E47000001', 'E60000325', 'W06000015', 'S12000036', 'N09000003'],
            pattern='^(E0[6-9]|E1[0-2]|E26|E47|E51|E60|W06|W18|S12|S21|N09)[0-9]{6}$',
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


class Site(_JsonSchemaRuntimeValidationBaseCore, StandardModel):
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
            pattern='^[1-9][0-9]{0,7}$',
            title='USRN',
        ),
    ] = MISSING
    postcode: Annotated[
        str | MISSING,
        Field(
            description="The site's postcode.",
            examples=['SW1A 1AA', 'BS1 5TR'],
            pattern='^(GIR 0AA|([A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2})$',
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
    area_hectares: Annotated[
        StrictFloat | MISSING,
        Field(
            description='The area of the site within the red line, in hectares (10,000 square metres).',
            gt=0.0,
            le=100000.0,
            title='Site area',
        ),
    ] = MISSING
    wards: Annotated[
        list[Ward] | MISSING,
        Field(description='The electoral wards the site lies in.', min_length=1, title='Wards'),
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
            description='What was decided. The codelist gives the Open Digital Planning and LGA values for each, and the application types an outcome belongs to.',
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
    conditions: Annotated[
        list[ConditionDecision] | MISSING,
        Field(
            description='For an application to approve details reserved by condition: what was decided about each condition.',
            min_length=1,
            title='Conditions decided',
        ),
    ] = MISSING


class Appeal(_JsonSchemaRuntimeValidationBaseCore, StandardModel):
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
            pattern='^[A-Za-z0-9][A-Za-z0-9./_:()\\[\\]+&#-]*( [A-Za-z0-9./_:()\\[\\]+&#-]+)*$',
            title='Appeal reference',
        ),
    ] = MISSING
    lodged_date: Annotated[
        date_aliased, Field(description='The day the appeal was made.', title='Appeal lodged date')
    ]
    validated_date: Annotated[
        date_aliased | MISSING,
        Field(
            description='The day the Planning Inspectorate confirmed the appeal was valid.',
            title='Appeal validated date',
        ),
    ] = MISSING
    started_date: Annotated[
        date_aliased | MISSING,
        Field(
            description='The day the Planning Inspectorate started the appeal.',
            title='Appeal start date',
        ),
    ] = MISSING
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


class TimeExtension(StandardModel):
    """
    A later decision date the applicant agreed in writing.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    agreed_date: Annotated[
        date_aliased | MISSING,
        Field(description='The day the extension was agreed.', title='Agreement date'),
    ] = MISSING
    decision_due_date: Annotated[
        date_aliased,
        Field(
            description='The day the application is now to be decided by; after the statutory expiry date.',
            title='New decision date',
        ),
    ]


class LinkedApplication(StandardModel):
    """
    Another application, by its reference.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    reference: Annotated[
        str,
        Field(
            description="The linked application's reference.",
            max_length=100,
            pattern='^[A-Za-z0-9][A-Za-z0-9./_:()\\[\\]+&#-]*( [A-Za-z0-9./_:()\\[\\]+&#-]+)*$',
            title='Reference',
        ),
    ]
    organisation: Annotated[
        str | MISSING,
        Field(
            description='The planning authority of the linked application, when it is not this one, such as the neighbouring authority that consulted this one.',
            examples=['local-authority:BIR', 'local-authority:GMCA', 'national-park-authority:Q72617158', 'development-corporation:Q6670544', 'government-organisation:D1342', 'local-planning-group:WDO-WEY'],
            max_length=100,
            pattern='^((local-authority):[A-Z]{3,5}|(local-planning-authority):E60[0-9]{6}|(local-planning-group):([A-Z]{3,5}|Q[1-9][0-9]{0,9})(-([A-Z]{3,5}|Q[1-9][0-9]{0,9})){1,9}|(national-park-authority|development-corporation|waste-authority|public-authority|regional-park-authority|passenger-transport-executive|nonprofit):Q[1-9][0-9]{0,9}|(government-organisation):[A-Z]{1,3}[1-9][0-9]{0,5})$',
            title='Planning authority',
        ),
    ] = MISSING
    relationship: Annotated[
        Relationship,
        Field(description='How the linked application relates to this one.', title='Relationship'),
    ]


class Document(_JsonSchemaRuntimeValidationBaseCore, StandardModel):
    """
    A published document, by link.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    __json_schema_unique_items__: ClassVar[tuple[tuple[object, ...], ...]] = (
        (('types',),),
    )

    url: Annotated[
        str,
        Field(
            description='Where the document can be read or downloaded.',
            max_length=2000,
            pattern='^https://[^\\s]+$',
            title='Document URL',
        ),
    ]
    name: Annotated[
        str | MISSING,
        Field(
            description="The document's name as the register shows it, such as 'Proposed floor plans'.",
            max_length=500,
            min_length=1,
            title='Name',
        ),
    ] = MISSING
    types: Annotated[
        list[Type] | MISSING,
        Field(
            description="What the document shows, as codes of the publisher's choosing, such as Open Digital Planning's file types ('sitePlan.proposed') or planning.data.gov.uk's document types ('proposed-plan').",
            min_length=1,
            title='Document types',
        ),
    ] = MISSING
    published_date: Annotated[
        date_aliased | MISSING,
        Field(
            description='The day the document was published on the register.',
            title='Published date',
        ),
    ] = MISSING


class PlanningApplicationRegister(_JsonSchemaRuntimeValidationBaseCore, StandardModel):
    """
    One planning application as a planning authority publishes it on its register: what was asked for, where, the dates that matter (including agreed extensions of time), where it has got to, the recommendation, the decision and any appeal, and what MHCLG's PS1 and PS2 returns need. Application types are MHCLG's codes and more, and the codelists give the matching Open Digital Planning values.
    """

    model_config = ConfigDict(
        extra='forbid',
        validate_by_name=True,
    )
    __json_schema_unique_items__: ClassVar[tuple[tuple[object, ...], ...]] = (
        (('application_types',),),
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
        {
            'condition': ((('status',), ('resolution-to-grant-subject-to-s106',)),),
            'then_required_groups': ((('resolution_date',),),),
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
            description="The planning authority's reference for the application, exactly as it appears on the register and on letters, such as '26/00123/HOU', 'DC/26/01234/FUL' or 'P/26/0123(A)'. Unique within the authority.",
            max_length=100,
            pattern='^[A-Za-z0-9][A-Za-z0-9./_:()\\[\\]+&#-]*( [A-Za-z0-9./_:()\\[\\]+&#-]+)*$',
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
    application_types: Annotated[
        list[ApplicationType],
        Field(
            description="The kinds of consent the application asks for, most important first: one code, or several for an application that combines consents, such as ['hh', 'lbc'] for householder permission with listed building consent. Codes are MHCLG's, plus the lgstandards additions in the codelist; use 'other' with local_application_type when none fits.",
            min_length=1,
            title='Application types',
        ),
    ]
    local_application_type: Annotated[
        LocalApplicationType | MISSING,
        Field(
            description="The type as the authority's own system records it, such as its suffix in the reference. Required when application_types holds 'other'.",
            title='Local application type',
        ),
    ] = MISSING
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
    development_scale: Annotated[
        DevelopmentScale | MISSING,
        Field(
            description="How the authority classified the development for MHCLG's PS1 and PS2 returns: major, minor or other (in Scotland: national, major or local). The classification at the decision, or the latest one.",
            title='Development scale',
        ),
    ] = MISSING
    development_category: Annotated[
        DevelopmentCategory | MISSING,
        Field(
            description="The kind of development, in the categories MHCLG's PS2 return counts decisions by, such as dwellings or householder development.",
            title='Development category',
        ),
    ] = MISSING
    eia_development: Annotated[
        StrictBool | MISSING,
        Field(
            description='Whether the application is EIA development, accompanied by an environmental statement; such applications have 16 weeks, not 8 or 13. Leave it out when not known.',
            title='EIA development',
        ),
    ] = MISSING
    retrospective: Annotated[
        StrictBool | MISSING,
        Field(
            description='Whether the application is for development already carried out (section 73A of the Town and Country Planning Act 1990).',
            title='Retrospective',
        ),
    ] = MISSING
    dwellings: Annotated[
        Dwellings | MISSING,
        Field(
            description="The homes the proposal would create, for housing monitoring and MHCLG's returns.",
            title='Dwellings',
        ),
    ] = MISSING
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
    statutory_expiry_date: Annotated[
        date_aliased | MISSING,
        Field(
            description='The day the statutory period for deciding the application ends (8, 13 or 16 weeks from the valid date in England, depending on the application), before any extension of time. ODP calls it the expiry date.',
            title='Statutory expiry date',
        ),
    ] = MISSING
    time_extensions: Annotated[
        list[TimeExtension] | MISSING,
        Field(
            description='Later dates for the decision that the applicant agreed in writing, oldest first. The last one is the date the decision is now due.',
            min_length=1,
            title='Extensions of time',
        ),
    ] = MISSING
    planning_performance_agreement: Annotated[
        PlanningPerformanceAgreement | MISSING,
        Field(
            description="The planning performance agreement the applicant and the authority signed, if there is one. MHCLG's returns count a decision by its agreed date as on time.",
            title='Planning performance agreement',
        ),
    ] = MISSING
    consultation: Annotated[
        Consultation | MISSING,
        Field(
            description='When the public could comment on the application.', title='Consultation'
        ),
    ] = MISSING
    officer_recommendation: Annotated[
        OfficerRecommendation | MISSING,
        Field(
            description="What the case officer recommended to the decision-maker, such as 'granted' or 'refused', in the decision outcome codes.",
            title='Officer recommendation',
        ),
    ] = MISSING
    committee_date: Annotated[
        date_aliased | MISSING,
        Field(
            description='The day of the planning committee meeting that considered the application (the latest one, if it was deferred). It may be ahead of today.',
            title='Committee date',
        ),
    ] = MISSING
    resolution_date: Annotated[
        date_aliased | MISSING,
        Field(
            description="The day the decision-maker resolved to grant subject to a legal agreement. Required when the status is 'resolution-to-grant-subject-to-s106'; kept once the decision is issued.",
            title='Resolution date',
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
    linked_applications: Annotated[
        list[LinkedApplication] | MISSING,
        Field(
            description='Other applications this one directly follows from or relates to, such as the outline permission of a reserved matters application.',
            min_length=1,
            title='Linked applications',
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
    documents: Annotated[
        list[Document] | MISSING,
        Field(
            description="Links to the application's published documents: plans, statements, the decision notice.",
            min_length=1,
            title='Documents',
        ),
    ] = MISSING
    constraints: Annotated[
        list[Constraint] | MISSING,
        Field(
            description='Designations and constraints that apply to the site, such as a conservation area or a listed building, each by a link to its record.',
            min_length=1,
            title='Constraints',
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