# Typed models of street-reports-api@2.0.0, generated from https://schemas.lgstandards.org/street-reports-api/2.0.0/schema.json
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
    confloat,
    conint,
    constr,
    model_validator,
)
from typing_extensions import TypeAliasType


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


AgencyResponsibleString = TypeAliasType(
    "AgencyResponsibleString", Annotated[str, Field(max_length=500)]
)


class BooleanText1(StrEnum):
    """
    The text 'true' or 'false'.
    """

    true = 'true'
    false = 'false'


class MediaUrlTextItem(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description='The address of one photo or other media.',
            max_length=2000,
            title='Media URL',
        ),
    ]


MediaUrlTextString = TypeAliasType("MediaUrlTextString", Annotated[str, Field(max_length=2000)])


class Type(StrEnum):
    """
    How the service handles requests: realtime (an id at once), batch (a token first) or blackbox (no status afterwards).
    """

    realtime = 'realtime'
    batch = 'batch'
    blackbox = 'blackbox'


class Group(RootModel[str]):
    root: Annotated[str, Field(description='One category.', max_length=500, title='Group')]


class Service(StandardModel):
    """
    One kind of request people can make, as GET /services.json lists it.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    service_code: Annotated[
        constr(min_length=1, max_length=255) | conint(ge=0, strict=True),
        Field(
            description='The identifier of this service, which requests give as their service_code.',
            title='Service code',
        ),
    ]
    service_name: Annotated[
        str,
        Field(
            description="The name people see, such as 'Pothole'.",
            max_length=500,
            min_length=1,
            title='Service name',
        ),
    ]
    description: Annotated[
        str | MISSING,
        Field(description='What the service is for.', max_length=4000, title='Description'),
    ] = MISSING
    metadata: Annotated[
        StrictBool | BooleanText1,
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
            max_length=1000,
            title='Keywords',
        ),
    ] = MISSING
    group: Annotated[
        str | MISSING,
        Field(
            description="The category the service belongs to, such as 'Roads'.",
            max_length=500,
            title='Group',
        ),
    ] = MISSING
    groups: Annotated[
        list[Group] | MISSING,
        Field(
            description="Every category the service belongs to, when it is in several (mySociety's open311-adapter extension).",
            title='Groups',
        ),
    ] = MISSING


class ServiceList1(StandardModel):
    """
    Every service, as GET /services.json answers: Open311's JSON list, or FixMyStreet's own {"services": [...]}.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    services: Annotated[
        list[Service] | MISSING,
        Field(description="The services, in FixMyStreet's wrapper.", title='Services'),
    ] = MISSING


class ServiceList(RootModel[list[Service] | ServiceList1]):
    """
    Every service, as GET /services.json answers: Open311's JSON list, or FixMyStreet's own {"services": [...]}.
    """

    root: Annotated[
        list[Service] | ServiceList1,
        Field(
            description='Every service, as GET /services.json answers: Open311\'s JSON list, or FixMyStreet\'s own {"services": [...]}.',
            title='Service list',
        ),
    ]


class AttributeValue(StandardModel):
    """
    One allowed answer of a list attribute.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    key: Annotated[
        constr(max_length=500) | StrictFloat,
        Field(description='What is sent for this answer: text, or a number.', title='Key'),
    ]
    name: Annotated[
        str, Field(description='What people see for this answer.', max_length=500, title='Name')
    ]


class Datatype(StrEnum):
    """
    The kind of answer: string (one line of text), number, datetime (a date-time), text (several lines), singlevaluelist (one of values) or multivaluelist (any of values).
    """

    string = 'string'
    number = 'number'
    datetime = 'datetime'
    text = 'text'
    singlevaluelist = 'singlevaluelist'
    multivaluelist = 'multivaluelist'


class Attribute(StandardModel):
    """
    A question a service asks beyond the standard request fields.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    variable: Annotated[
        StrictBool | BooleanText1,
        Field(
            description='False for an informational attribute that takes no answer.',
            title='Variable',
        ),
    ]
    code: Annotated[
        str,
        Field(
            description="The attribute's identifier, sent as attribute[code].",
            max_length=500,
            min_length=1,
            title='Code',
        ),
    ]
    datatype: Annotated[
        Datatype,
        Field(
            description='The kind of answer: string (one line of text), number, datetime (a date-time), text (several lines), singlevaluelist (one of values) or multivaluelist (any of values).',
            title='Data type',
        ),
    ]
    required: Annotated[
        StrictBool | BooleanText1,
        Field(description='Whether a request must answer it.', title='Required'),
    ]
    datatype_description: Annotated[
        str | MISSING,
        Field(
            description='How to write the answer, for people.',
            max_length=1000,
            title='Data type description',
        ),
    ] = MISSING
    order: Annotated[
        conint(ge=0, strict=True) | constr(pattern=r'^[0-9]+$'),
        Field(
            description='Where the attribute comes in the form, from 1: a whole number, or one written as text.',
            title='Order',
        ),
    ]
    description: Annotated[
        str,
        Field(description='The question, as people see it.', max_length=4000, title='Description'),
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
        validate_by_name=True,
    )
    service_code: Annotated[
        constr(min_length=1, max_length=255) | conint(ge=0, strict=True),
        Field(description='The service this definition is for.', title='Service code'),
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
        validate_by_name=True,
    )

    __json_schema_any_of_required_groups__: ClassVar[tuple[Any, ...]] = (
        ((('service_request_id',),), (('token',),)),
    )

    service_request_id: Annotated[
        constr(min_length=1, max_length=255) | conint(ge=0, strict=True) | MISSING,
        Field(
            description='The identifier of the request just created.', title='Service request id'
        ),
    ] = MISSING
    token: Annotated[
        str | MISSING,
        Field(
            description='For batch services: a token to exchange for the id later.',
            max_length=500,
            title='Token',
        ),
    ] = MISSING
    service_notice: Annotated[
        str | MISSING,
        Field(
            description='Information about the request for the person making it.',
            max_length=4000,
            title='Service notice',
        ),
    ] = MISSING
    account_id: Annotated[
        str | MISSING,
        Field(
            description="The person's account, when the council has one for them.",
            max_length=500,
            title='Account id',
        ),
    ] = MISSING


RequestCreatedListArray = TypeAliasType(
    "RequestCreatedListArray", Annotated[list[RequestCreated], Field(min_length=1)]
)


class RequestCreatedList1(StandardModel):
    """
    The answer to POST /requests.json: a list of one, or FixMyStreet's {"service_requests": [...]}.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    service_requests: Annotated[
        list[RequestCreated] | MISSING,
        Field(
            description="The created request, in FixMyStreet's wrapper.",
            min_length=1,
            title='Service requests',
        ),
    ] = MISSING


class RequestCreatedList(RootModel[RequestCreatedListArray | RequestCreatedList1]):
    """
    The answer to POST /requests.json: a list of one, or FixMyStreet's {"service_requests": [...]}.
    """

    root: Annotated[
        RequestCreatedListArray | RequestCreatedList1,
        Field(
            description='The answer to POST /requests.json: a list of one, or FixMyStreet\'s {"service_requests": [...]}.',
            title='Request created list',
        ),
    ]


class RequestUpdate(StandardModel):
    """
    One change to a request, as GET /servicerequestupdates.json lists it (the FixMyStreet extension to Open311).
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    update_id: Annotated[
        constr(min_length=1, max_length=255) | conint(ge=0, strict=True),
        Field(description='The identifier of this update.', title='Update id'),
    ]
    service_request_id: Annotated[
        constr(min_length=1, max_length=255) | conint(ge=0, strict=True),
        Field(description='The request this update is about.', title='Service request id'),
    ]
    status: Annotated[
        str,
        Field(
            description="The request's status after this update: FixMyStreet's extended statuses in any case, or a council's own (such as referred_to_veolia_streets).",
            max_length=100,
            min_length=1,
            title='Status',
        ),
    ]
    external_status_code: Annotated[
        str | MISSING,
        Field(
            description="The back-office system's own status code, for councils that map it to their own messages.",
            max_length=200,
            title='External status code',
        ),
    ] = MISSING
    description: Annotated[
        str,
        Field(
            description='What the council says happened; empty for a change of status alone.',
            max_length=10000,
            title='Description',
        ),
    ]
    updated_datetime: Annotated[
        str,
        Field(
            description='When the update happened.',
            pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?)?(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)?$',
            title='Updated at',
        ),
    ]
    media_url: Annotated[
        MediaUrlTextString | list[MediaUrlTextItem] | MISSING,
        Field(
            description='The address of a photo or other media that came with this update, or a list of them.',
            title='Media URL',
        ),
    ] = MISSING
    extras: Annotated[
        dict[str, Any] | MISSING,
        Field(
            description="A back office's own additions, by name (mySociety's open311-adapter).",
            title='Extras',
        ),
    ] = MISSING


class RequestUpdateList1(StandardModel):
    """
    Updates, as GET /servicerequestupdates.json answers: a list, or {"service_request_updates": [...]}.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    service_request_updates: Annotated[
        list[RequestUpdate] | MISSING,
        Field(description='The updates, in a wrapper.', title='Service request updates'),
    ] = MISSING


class RequestUpdateList(RootModel[list[RequestUpdate] | RequestUpdateList1]):
    """
    Updates, as GET /servicerequestupdates.json answers: a list, or {"service_request_updates": [...]}.
    """

    root: Annotated[
        list[RequestUpdate] | RequestUpdateList1,
        Field(
            description='Updates, as GET /servicerequestupdates.json answers: a list, or {"service_request_updates": [...]}.',
            title='Request update list',
        ),
    ]


class UpdateCreated(StandardModel):
    """
    The update that was stored.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    update_id: Annotated[
        constr(min_length=1, max_length=255) | conint(ge=0, strict=True),
        Field(description='The identifier the council gave the update.', title='Update id'),
    ]
    account_id: Annotated[
        str | MISSING,
        Field(
            description="The person's account, when the council has one for them.",
            max_length=500,
            title='Account id',
        ),
    ] = MISSING


UpdateCreatedListArray = TypeAliasType(
    "UpdateCreatedListArray", Annotated[list[UpdateCreated], Field(min_length=1)]
)


class UpdateCreatedList1(StandardModel):
    """
    The answer to POST /servicerequestupdates.json: a list of one naming the update, or {"service_request_updates": [...]}.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    service_request_updates: Annotated[
        list[UpdateCreated] | MISSING,
        Field(
            description='The stored update, in a wrapper.',
            min_length=1,
            title='Service request updates',
        ),
    ] = MISSING


class UpdateCreatedList(RootModel[UpdateCreatedListArray | UpdateCreatedList1]):
    """
    The answer to POST /servicerequestupdates.json: a list of one naming the update, or {"service_request_updates": [...]}.
    """

    root: Annotated[
        UpdateCreatedListArray | UpdateCreatedList1,
        Field(
            description='The answer to POST /servicerequestupdates.json: a list of one naming the update, or {"service_request_updates": [...]}.',
            title='Update created list',
        ),
    ]


class Error(StandardModel):
    """
    One Open311 error.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    code: Annotated[
        StrictInt | str,
        Field(
            description='A code naming the error, usually the HTTP status: a number, or text.',
            title='Code',
        ),
    ]
    description: Annotated[
        str,
        Field(description='What went wrong, for people.', max_length=10000, title='Description'),
    ]


class ErrorList(RootModel[list[Error]]):
    """
    Open311's error body: a non-empty list of errors, each with a code and a description.
    """

    root: Annotated[
        list[Error],
        Field(
            description="Open311's error body: a non-empty list of errors, each with a code and a description.",
            min_length=1,
            title='Error list',
        ),
    ]


class ProblemDetails(_JsonSchemaRuntimeValidationBase, StandardModel):
    """
    An RFC 9457 problem details object, which some servers send instead of Open311's list.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )

    __json_schema_any_of_required_groups__: ClassVar[tuple[Any, ...]] = (
        ((('title',),), (('detail',),)),
    )

    type: Annotated[
        str | MISSING,
        Field(
            description='A URI reference naming the kind of problem.',
            max_length=2000,
            title='Problem type',
        ),
    ] = MISSING
    title: Annotated[
        str | MISSING,
        Field(description='A short summary of the kind of problem.', max_length=500, title='Title'),
    ] = MISSING
    status: Annotated[
        StrictInt | MISSING,
        Field(description='The HTTP status code of the response.', ge=400, le=599, title='Status'),
    ] = MISSING
    detail: Annotated[
        str | MISSING,
        Field(description='What went wrong this time.', max_length=4000, title='Detail'),
    ] = MISSING


class ErrorBody1(StandardModel):
    """
    What a 4xx or 5xx response carries: Open311's error list, the same list wrapped as {"errors": [...]}, or an RFC 9457 problem details object.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    errors: Annotated[
        list[Error],
        Field(description="Open311's error list, wrapped.", min_length=1, title='Errors'),
    ]


class ErrorBody(RootModel[ErrorList | ErrorBody1 | ProblemDetails]):
    root: Annotated[
        ErrorList | ErrorBody1 | ProblemDetails,
        Field(
            description='What a 4xx or 5xx response carries: Open311\'s error list, the same list wrapped as {"errors": [...]}, or an RFC 9457 problem details object.',
            title='Error body',
        ),
    ]


class Status(StrEnum):
    """
    Open311's status in lower case: open or closed.
    """

    open = 'open'
    closed = 'closed'


class AdviceService(StandardModel):
    """
    A service with its metadata as a JSON boolean, its code as text and no empty strings.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    service_code: Annotated[
        str | MISSING, Field(description='A service code written as text.', title='Service code')
    ] = MISSING
    metadata: Annotated[
        StrictBool | MISSING, Field(description='A JSON boolean.', title='Has a definition')
    ] = MISSING
    description: Annotated[
        Any | MISSING, Field(description='What the service is for.', title='Description')
    ] = MISSING
    keywords: Annotated[
        Any | MISSING, Field(description='Keywords, when there are any.', title='Keywords')
    ] = MISSING
    group: Annotated[
        Any | MISSING, Field(description="The service's category, when it has one.", title='Group')
    ] = MISSING


class AdviceServiceList1(StandardModel):
    """
    Open311's bare JSON list of services, each as advised.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    services: Annotated[
        list[AdviceService] | MISSING,
        Field(description="Services in FixMyStreet's wrapper, each as advised.", title='Services'),
    ] = MISSING


class AdviceServiceList(RootModel[list[AdviceService] | AdviceServiceList1]):
    """
    Open311's bare JSON list of services, each as advised.
    """

    root: Annotated[
        list[AdviceService] | AdviceServiceList1,
        Field(
            description="Open311's bare JSON list of services, each as advised.",
            title='Service list',
        ),
    ]


class Value(StandardModel):
    """
    An answer whose key is text.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    key: Annotated[str | MISSING, Field(description='The key as text.', title='Key')] = MISSING


class AdviceAttribute(StandardModel):
    """
    An attribute with booleans and its order as JSON values, and no empty strings.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    variable: Annotated[
        StrictBool | MISSING, Field(description='A JSON boolean.', title='Variable')
    ] = MISSING
    required: Annotated[
        StrictBool | MISSING, Field(description='A JSON boolean.', title='Required')
    ] = MISSING
    order: Annotated[
        StrictInt | MISSING, Field(description='A JSON whole number from 1.', ge=1, title='Order')
    ] = MISSING
    description: Annotated[
        Any | MISSING, Field(description='The question people see.', title='Description')
    ] = MISSING
    datatype_description: Annotated[
        Any | MISSING,
        Field(
            description='How to write the answer, when there is something to say.',
            title='Data type description',
        ),
    ] = MISSING
    values: Annotated[
        list[Value] | MISSING, Field(description='Answers whose keys are text.', title='Values')
    ] = MISSING


class AdviceServiceDefinition(StandardModel):
    """
    A service definition whose attributes are as advised.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    service_code: Annotated[
        str | MISSING, Field(description='A service code written as text.', title='Service code')
    ] = MISSING
    attributes: Annotated[
        list[AdviceAttribute] | MISSING,
        Field(description='Attributes as advised.', title='Attributes'),
    ] = MISSING


class Status1(StrEnum):
    """
    One of FixMyStreet's extended statuses, in lower case.
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


class AdviceRequestCreatedListItem(StandardModel):
    """
    A created request whose id is text.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    service_request_id: Annotated[
        str | MISSING,
        Field(description='An identifier written as text.', title='Service request id'),
    ] = MISSING


class AdviceRequestCreatedList(RootModel[list[AdviceRequestCreatedListItem]]):
    """
    A bare list of one created request whose id is text.
    """

    root: Annotated[
        list[AdviceRequestCreatedListItem],
        Field(
            description='A bare list of one created request whose id is text.',
            max_length=1,
            title='Request created list',
        ),
    ]


class AdviceUpdateCreatedListItem(StandardModel):
    """
    A stored update whose id is text.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    update_id: Annotated[
        str | MISSING, Field(description='An identifier written as text.', title='Update id')
    ] = MISSING


class AdviceUpdateCreatedList(RootModel[list[AdviceUpdateCreatedListItem]]):
    """
    A bare list of one stored update whose id is text.
    """

    root: Annotated[
        list[AdviceUpdateCreatedListItem],
        Field(
            description='A bare list of one stored update whose id is text.',
            max_length=1,
            title='Update created list',
        ),
    ]


class AdviceErrorBodyItem(StandardModel):
    """
    An error with a numeric code and words.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    code: Annotated[
        StrictInt | MISSING, Field(description='The HTTP status, as a number.', title='Code')
    ] = MISSING
    description: Annotated[
        Any | MISSING, Field(description='What went wrong.', title='Description')
    ] = MISSING


class AdviceErrorBody(RootModel[list[AdviceErrorBodyItem]]):
    """
    Open311's bare error list, each error with a numeric code and a description.
    """

    root: Annotated[
        list[AdviceErrorBodyItem],
        Field(
            description="Open311's bare error list, each error with a numeric code and a description.",
            min_length=1,
            title='Error body',
        ),
    ]


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


class Usrn(RootModel[str]):
    root: Annotated[
        str,
        Field(
            description='Unique Street Reference Number from the National Street Gazetteer: a positive whole number of 1 to 8 digits, without leading zeros, written as a string.',
            examples=['21900653'],
            pattern='^[1-9][0-9]{0,7}$',
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


class StreetReportsApi(StandardModel):
    """
    One service request (a street report such as a pothole or a broken street light) as the street reports API lists it: Open311 GeoReport v2 in JSON as real servers send it. The core schema accepts what Open311 clients accept today: extra fields, identifiers as text or numbers, numbers and booleans written as text (Open311's JSON is derived from XML), empty strings, statuses in any case and a server's own statuses. The advice_ definitions in $defs say how a server should write each body; values that break the advice are reported as warnings. The other bodies of the API are in $defs.
    """

    model_config = ConfigDict(
        validate_by_name=True,
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
    service_request_id: Annotated[
        constr(min_length=1, max_length=255) | conint(ge=0, strict=True),
        Field(
            description="The council's identifier of this request: any non-empty text (a missed collection reference such as 'MC/2026/004512' included), or a whole number.",
            title='Service request id',
        ),
    ]
    status: Annotated[
        str,
        Field(
            description="Open311's status, open or closed, in any case; a server's finer status (such as FixMyStreet's in_progress) is accepted too. The advice is open or closed in lower case, with finer statuses on the request's updates.",
            max_length=100,
            min_length=1,
            title='Status',
        ),
    ]
    status_notes: Annotated[
        str | MISSING,
        Field(
            description='What the council says about the current status, such as why it was closed.',
            max_length=4000,
            title='Status notes',
        ),
    ] = MISSING
    service_name: Annotated[
        str | MISSING,
        Field(
            description='The name of the service the request is for.',
            max_length=500,
            title='Service name',
        ),
    ] = MISSING
    service_code: Annotated[
        constr(min_length=1, max_length=255) | conint(ge=0, strict=True),
        Field(
            description='The service this request is for, as GET /services.json lists it.',
            title='Service code',
        ),
    ]
    description: Annotated[
        str | MISSING,
        Field(
            description='What the person reporting said, as plain text without HTML.',
            max_length=10000,
            title='Description',
        ),
    ] = MISSING
    agency_responsible: Annotated[
        AgencyResponsibleString | dict[str, Any] | MISSING,
        Field(
            description='The council department or contractor handling the request: text, or an object as FixMyStreet\'s own server writes it (such as {"recipient": ["Oxfordshire County Council"]}).',
            title='Agency responsible',
        ),
    ] = MISSING
    service_notice: Annotated[
        str | MISSING,
        Field(
            description='Information the council wants everyone to see about the request, such as an expected fix date.',
            max_length=4000,
            title='Service notice',
        ),
    ] = MISSING
    requested_datetime: Annotated[
        str,
        Field(
            description='When the request was made.',
            pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?)?(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)?$',
            title='Requested at',
        ),
    ]
    updated_datetime: Annotated[
        str | MISSING,
        Field(
            description='When the request last changed.',
            pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?)?(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)?$',
            title='Updated at',
        ),
    ] = MISSING
    expected_datetime: Annotated[
        str | MISSING,
        Field(
            description='When the council expects to have dealt with the request.',
            pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?)?(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)?$',
            title='Expected at',
        ),
    ] = MISSING
    address: Annotated[
        str | MISSING,
        Field(
            description='The human-readable address or description of the location.',
            max_length=1000,
            title='Address',
        ),
    ] = MISSING
    address_id: Annotated[
        str | MISSING,
        Field(
            description="The council's identifier for the location; the UPRN when the location is a property.",
            max_length=200,
            title='Address id',
        ),
    ] = MISSING
    zipcode: Annotated[
        str | MISSING,
        Field(
            description='The postcode of the location. Open311 calls it zipcode; the advice is a UK postcode.',
            max_length=20,
            title='Postcode',
        ),
    ] = MISSING
    lat: Annotated[
        confloat(ge=-90.0, le=90.0, strict=True) | constr(pattern=r'^(-?[0-9]{1,2}(\.[0-9]+)?)?$') | MISSING,
        Field(description='WGS84 latitude of the location in decimal degrees.', title='Latitude'),
    ] = MISSING
    long: Annotated[
        confloat(ge=-180.0, le=180.0, strict=True) | constr(pattern=r'^(-?[0-9]{1,3}(\.[0-9]+)?)?$') | MISSING,
        Field(description='WGS84 longitude of the location in decimal degrees.', title='Longitude'),
    ] = MISSING
    media_url: Annotated[
        MediaUrlTextString | list[MediaUrlTextItem] | MISSING,
        Field(
            description='The address of a photo or other media that came with the report, or a list of them.',
            title='Media URL',
        ),
    ] = MISSING
    attributes: Annotated[
        dict[str, Any] | MISSING,
        Field(
            description="The answers to the service definition's questions, by attribute code (the City of Chicago's servers publish them).",
            title='Attributes',
        ),
    ] = MISSING
    extended_attributes: Annotated[
        dict[str, Any] | MISSING,
        Field(
            description="A server's own additions, by name (Open311's extended_attributes extension, as Chicago's servers write it).",
            title='Extended attributes',
        ),
    ] = MISSING
    notes: Annotated[
        list[dict[str, Any]] | MISSING,
        Field(
            description="The request's history, oldest first (Open311's notes extension: each has a datetime, a summary and a type).",
            title='Notes',
        ),
    ] = MISSING
    extensions: Annotated[
        dict[str, Any] | MISSING,
        Field(
            description='Local additions, named by the publisher. Consumers may ignore them.',
            title='Extensions',
        ),
    ] = MISSING


class ServiceRequestList1(StandardModel):
    """
    Service requests, as GET /requests.json answers (and GET /requests/{id}.json, a list of the one asked for): Open311's JSON list, or FixMyStreet's own {"service_requests": [...]}.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    service_requests: Annotated[
        list[StreetReportsApi] | MISSING,
        Field(description="The requests, in FixMyStreet's wrapper.", title='Service requests'),
    ] = MISSING


class ServiceRequestList(RootModel[list[StreetReportsApi] | ServiceRequestList1]):
    """
    Service requests, as GET /requests.json answers (and GET /requests/{id}.json, a list of the one asked for): Open311's JSON list, or FixMyStreet's own {"service_requests": [...]}.
    """

    root: Annotated[
        list[StreetReportsApi] | ServiceRequestList1,
        Field(
            description='Service requests, as GET /requests.json answers (and GET /requests/{id}.json, a list of the one asked for): Open311\'s JSON list, or FixMyStreet\'s own {"service_requests": [...]}.',
            title='Service request list',
        ),
    ]


class AdviceServiceRequest(StandardModel):
    """
    What this standard advises for a service request beyond its schema: identifiers and statuses as Open311 clients expect them, numbers as numbers, RFC 3339 date-times, UK postcodes, and no empty strings. A request that breaks it is accepted with warnings.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    service_request_id: Annotated[
        str | MISSING,
        Field(description='An identifier written as text.', title='Service request id'),
    ] = MISSING
    status: Annotated[
        Status | MISSING,
        Field(description="Open311's status in lower case: open or closed.", title='Status'),
    ] = MISSING
    status_notes: Annotated[
        Any | MISSING, Field(description='Status notes, when there are any.', title='Status notes')
    ] = MISSING
    service_name: Annotated[
        Any | MISSING, Field(description="The service's name.", title='Service name')
    ] = MISSING
    service_code: Annotated[
        str | MISSING, Field(description='A service code written as text.', title='Service code')
    ] = MISSING
    description: Annotated[
        Any | MISSING, Field(description='The description, when there is one.', title='Description')
    ] = MISSING
    agency_responsible: Annotated[
        str | MISSING,
        Field(
            description='The department or contractor, as text.',
            min_length=1,
            title='Agency responsible',
        ),
    ] = MISSING
    service_notice: Annotated[
        Any | MISSING,
        Field(description='The service notice, when there is one.', title='Service notice'),
    ] = MISSING
    requested_datetime: Annotated[
        AwareDatetime | MISSING,
        Field(
            description='When the request was made, in RFC 3339 with an offset.',
            title='Requested at',
        ),
    ] = MISSING
    updated_datetime: Annotated[
        AwareDatetime | MISSING,
        Field(
            description='When the request last changed, in RFC 3339 with an offset.',
            title='Updated at',
        ),
    ] = MISSING
    expected_datetime: Annotated[
        AwareDatetime | MISSING,
        Field(
            description='When the council expects to have dealt with it, in RFC 3339 with an offset.',
            title='Expected at',
        ),
    ] = MISSING
    address: Annotated[
        Any | MISSING, Field(description='The address, when there is one.', title='Address')
    ] = MISSING
    address_id: Annotated[
        Any | MISSING,
        Field(description="The location's identifier, when there is one.", title='Address id'),
    ] = MISSING
    zipcode: Annotated[
        str | MISSING,
        Field(
            description='A UK postcode.',
            examples=['SW1A 1AA', 'BS1 5TR'],
            pattern='^(GIR 0AA|([A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][ABCDEFGHJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2})$',
            title='Postcode',
        ),
    ] = MISSING
    lat: Annotated[
        StrictFloat | MISSING, Field(description='A latitude as a JSON number.', title='Latitude')
    ] = MISSING
    long: Annotated[
        StrictFloat | MISSING, Field(description='A longitude as a JSON number.', title='Longitude')
    ] = MISSING
    media_url: Annotated[
        str | MISSING,
        Field(
            description='One http or https URL.',
            max_length=2000,
            pattern='^https?://',
            title='Media URL',
        ),
    ] = MISSING


class AdviceServiceRequestList1(StandardModel):
    """
    Open311's bare JSON list of service requests, each as advised.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    service_requests: Annotated[
        list[AdviceServiceRequest] | MISSING,
        Field(
            description="Requests in FixMyStreet's wrapper, each as advised.",
            title='Service requests',
        ),
    ] = MISSING


class AdviceServiceRequestList(RootModel[list[AdviceServiceRequest] | AdviceServiceRequestList1]):
    """
    Open311's bare JSON list of service requests, each as advised.
    """

    root: Annotated[
        list[AdviceServiceRequest] | AdviceServiceRequestList1,
        Field(
            description="Open311's bare JSON list of service requests, each as advised.",
            title='Service request list',
        ),
    ]


class AdviceRequestUpdate(StandardModel):
    """
    An update with identifiers as text, a listed lower-case status and an RFC 3339 date-time.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    update_id: Annotated[
        str | MISSING, Field(description='An identifier written as text.', title='Update id')
    ] = MISSING
    service_request_id: Annotated[
        str | MISSING,
        Field(description='An identifier written as text.', title='Service request id'),
    ] = MISSING
    status: Annotated[
        Status1 | MISSING,
        Field(description="One of FixMyStreet's extended statuses, in lower case.", title='Status'),
    ] = MISSING
    updated_datetime: Annotated[
        AwareDatetime | MISSING,
        Field(
            description='When the update happened, in RFC 3339 with an offset.', title='Updated at'
        ),
    ] = MISSING
    media_url: Annotated[
        str | MISSING,
        Field(
            description='One http or https URL.',
            max_length=2000,
            pattern='^https?://',
            title='Media URL',
        ),
    ] = MISSING
    external_status_code: Annotated[
        Any | MISSING,
        Field(
            description="The back office's code, when there is one.", title='External status code'
        ),
    ] = MISSING


class AdviceRequestUpdateList1(StandardModel):
    """
    A bare JSON list of updates, each as advised.
    """

    model_config = ConfigDict(
        validate_by_name=True,
    )
    service_request_updates: Annotated[
        list[AdviceRequestUpdate] | MISSING,
        Field(
            description='Updates in a wrapper, each as advised.', title='Service request updates'
        ),
    ] = MISSING


class AdviceRequestUpdateList(RootModel[list[AdviceRequestUpdate] | AdviceRequestUpdateList1]):
    """
    A bare JSON list of updates, each as advised.
    """

    root: Annotated[
        list[AdviceRequestUpdate] | AdviceRequestUpdateList1,
        Field(
            description='A bare JSON list of updates, each as advised.', title='Request update list'
        ),
    ]