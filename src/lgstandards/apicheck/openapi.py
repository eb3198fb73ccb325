"""An API standard's OpenAPI document: its operations, documented responses and body validators."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from lgstandards.advice import ADVICE_KEY, Advisor
from lgstandards.errors import SchemaError, StandardNotFoundError
from lgstandards.findings import escape_pointer_part
from lgstandards.registry import Catalogue, StandardVersion, load_json_file
from lgstandards.validation import SchemaValidator

if TYPE_CHECKING:
    from lgstandards.development.extensions import EffectiveVersion

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class ApiDocument:
    """One API standard version's `openapi.json`, read once, with validators compiled on demand."""

    def __init__(self, version: StandardVersion, catalogue: Catalogue,
                 effective: tuple[EffectiveVersion, ...] = ()) -> None:
        """Read the OpenAPI document of an API standard version.

        `effective` are data standards with extensions or a profile applied: response bodies
        that refer to such a standard's schema are checked against the effective one instead.
        """
        if version.openapi_path is None:
            raise StandardNotFoundError(
                f"{version.ref} is not an API standard: it has no openapi.json to check against"
            )
        self.version = version
        self.catalogue = catalogue
        self.effective = effective
        self.uri = f"{version.base_uri}{version.id}/{version.version}/openapi.json"
        self.doc = load_json_file(version.openapi_path, SchemaError)
        if not isinstance(self.doc.get("paths"), dict):
            raise SchemaError(f"{version.openapi_path}: an OpenAPI document needs 'paths'")

    @functools.cached_property
    def resources(self) -> tuple[tuple[str, Mapping[str, Any]], ...]:
        """Return every schema of the catalogue and this document, for resolving `$ref`s."""
        # An effective schema is self-contained, so it can stand at its base's address.
        instead = {e.base.schema_uri: {**e.schema, "$id": e.base.schema_uri}
                   for e in self.effective}
        return (*((uri, instead.get(uri, schema)) for uri, schema in self.catalogue.schemas()),
                (self.uri, self.doc))

    def referenced(self) -> frozenset[str]:
        """Return the schema URIs (without fragments) the document's `$ref`s name."""
        from urllib.parse import urldefrag, urljoin

        found: set[str] = set()

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                ref = node.get("$ref")
                if isinstance(ref, str) and not ref.startswith("#"):
                    found.add(urldefrag(urljoin(self.uri, ref))[0])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(self.doc)
        return frozenset(found)

    def operations(self) -> Iterator[tuple[str, str]]:
        """Yield (method, path template) for every operation, in document order."""
        for template, item in self.doc["paths"].items():
            for method in ("get", "put", "post", "delete", "options", "head", "patch", "trace"):
                if isinstance(item, dict) and method in item:
                    yield method.upper(), template

    def operation(self, method: str, template: str) -> Mapping[str, Any]:
        """Return one operation object, failing loudly if the suite names one that is missing."""
        try:
            op = self.doc["paths"][template][method.lower()]
        except (KeyError, TypeError):
            raise SchemaError(
                f"{self.version.openapi_path}: no operation {method.upper()} {template}"
            ) from None
        if not isinstance(op, dict):
            raise SchemaError(f"{self.version.openapi_path}: {method} {template} is not an object")
        return op

    def _deref(self, node: Any) -> Any:
        """Follow OpenAPI Reference Objects within this document."""
        seen = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and seen < 20:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                return node
            node = self._pointer(ref[1:])
            seen += 1
        return node

    def _pointer(self, pointer: str) -> Any:
        """Return the node a JSON Pointer names in the document."""
        node: Any = self.doc
        for part in pointer.split("/")[1:]:
            key = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or key not in node:
                raise SchemaError(f"{self.version.openapi_path}: cannot resolve #{pointer}")
            node = node[key]
        return node

    def response_key(self, method: str, template: str, status: int) -> str | None:
        """Return the response key documenting a status: exact, then '4XX', then default."""
        responses = self.operation(method, template).get("responses", {})
        for key in (str(status), f"{str(status)[0]}XX", "default"):
            if key in responses:
                return key
        return None

    def documented(self, method: str, template: str) -> tuple[str, ...]:
        """Return the operation's documented response keys, such as ('200', '404', 'default')."""
        return tuple(self.operation(method, template).get("responses", {}))

    def media_types(self, method: str, template: str, key: str) -> tuple[str, ...]:
        """Return the media types documented for one response."""
        response = self._deref(self.operation(method, template)["responses"][key])
        content = response.get("content") if isinstance(response, dict) else None
        return tuple(content) if isinstance(content, dict) else ()

    def response_headers(self, method: str, template: str, key: str) -> Mapping[str, Any]:
        """Return the headers documented for one response, by name."""
        response = self._deref(self.operation(method, template)["responses"][key])
        headers = response.get("headers") if isinstance(response, dict) else None
        return {name: self._deref(h) for name, h in (headers or {}).items()}

    def validator(self, method: str, template: str, key: str, media: str) -> SchemaValidator | None:
        """Return a validator for one documented response body, or None if it has no schema."""
        return _validator(self, method.lower(), template, key, media)

    def advisor(self, method: str, template: str, key: str, media: str) -> Advisor | None:
        """Return the advice for one documented response body (x-lgstandards-advice), if any."""
        return _advisor(self, method.lower(), template, key, media)

    def is_public(self, method: str, template: str) -> bool:
        """Return whether an operation needs no credentials: no security requirement applies."""
        op = self.operation(method, template)
        security = op.get("security", self.doc.get("security", []))
        # An empty requirement object ({}) in the list means "or no credentials at all".
        return not security or any(requirement == {} for requirement in security)

    def schema_pointer(self, method: str, template: str, key: str, media: str,
                       member: str = "schema") -> str | None:
        """Return the JSON Pointer, within the OpenAPI document, of one response body's schema.

        `member` names another schema of the media type instead, such as its advice.
        """
        op_pointer = "/paths/" + escape_pointer_part(template) + "/" + method.lower()
        response_pointer = f"{op_pointer}/responses/{escape_pointer_part(key)}"
        response = self.operation(method, template)["responses"][key]
        if isinstance(response, dict) and isinstance(response.get("$ref"), str):
            response_pointer = response["$ref"][1:]
            response = self._deref(response)
        content = response.get("content", {}) if isinstance(response, dict) else {}
        if not isinstance(content.get(media), dict) or member not in content[media]:
            return None
        return f"{response_pointer}/content/{escape_pointer_part(media)}/{member}"


@functools.lru_cache(maxsize=256)
def _validator(
    api: ApiDocument, method: str, template: str, key: str, media: str
) -> SchemaValidator | None:
    """Compile the validator of one response body, once per process."""
    pointer = api.schema_pointer(method, template, key, media)
    if pointer is None:
        return None
    root = {"$schema": _DIALECT, "$ref": api.uri + "#" + quote(pointer, safe="/~")}
    return SchemaValidator(root, api.resources)


@functools.lru_cache(maxsize=256)
def _advisor(
    api: ApiDocument, method: str, template: str, key: str, media: str
) -> Advisor | None:
    """Compile the advice of one response body, once per process."""
    pointer = api.schema_pointer(method, template, key, media, ADVICE_KEY)
    if pointer is None:
        return None
    return Advisor(api.uri + "#" + quote(pointer, safe="/~"), api.resources)


@functools.lru_cache(maxsize=16)
def api_document(catalogue: Catalogue, ref: str,
                 effective: tuple[EffectiveVersion, ...] = ()) -> ApiDocument:
    """Return the OpenAPI document of an exact `id@x.y.z`, read and compiled once per process."""
    return ApiDocument(catalogue.select(ref, allow_draft=True), catalogue, effective)
