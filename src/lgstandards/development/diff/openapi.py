"""OpenAPI 3 documents compared the way oasdiff reads them: requests and responses in direction.

A client produces a request and a server consumes it; a server produces a response and a client
consumes it. The schema engine's "tighter" therefore breaks clients in a request and servers in a
response, and its "looser" breaks servers in a request and clients in a response. A removed
operation, a new required parameter or an added security requirement breaks clients; a removed
response field or guarantee does too (major, see `model.RESPONSE_GUARANTEES`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from lgstandards.development.diff.model import Diff, DiffError, Direction, unique_changes
from lgstandards.development.diff.schemas import SchemaComparer
from lgstandards.development.diff.views import Effect, Place, Pointer, canonical

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Operation keys that describe without constraining.
_OPERATION_NOTES = frozenset({"summary", "description", "operationId", "tags", "externalDocs",
                              "servers", "links"})
_PARAMETER_NOTES = frozenset({"description", "example", "examples", "deprecated"})


def diff_openapi(old: Mapping[str, Any], new: Mapping[str, Any], *, old_label: str = "old",
                 new_label: str = "new", prefix: str = "") -> Diff:
    """Return every change between two self-contained OpenAPI 3 documents."""
    for label, document in ((old_label, old), (new_label, new)):
        if not str(document.get("openapi", "")).startswith("3."):
            raise DiffError(f"{label}: not an OpenAPI 3 document (no 'openapi': '3.x')")
    comparer = SchemaComparer(old, new, prefix=prefix, labels=(old_label, new_label))
    try:
        _Api(comparer).compare()
    except RecursionError:
        raise DiffError(f"{old_label} or {new_label} is nested too deeply to compare") from None
    return Diff(old_label, new_label, unique_changes(comparer.changes))


def _template(path: str) -> str:
    """Return a path with its parameter names blanked: '/a/{id}' and '/a/{uprn}' are one path."""
    return re.sub(r"\{[^}/]+\}", "{}", path)


class _Api:
    """The walk over two OpenAPI documents; schemas go to the shared comparer."""

    def __init__(self, comparer: SchemaComparer) -> None:
        """Compare the documents the comparer holds."""
        self.c = comparer
        self.old = comparer.old
        self.new = comparer.new

    def emit(self, code: str, at: Pointer, effect: Effect, sentence: str, context: str,
             direction: Direction) -> None:
        """Record one API change."""
        self.c.emit(code, at, effect, sentence, Place(context=context, direction=direction))

    def deref(self, side: str, node: Any, at: Pointer) -> tuple[Any, Pointer]:
        """Follow a parameter's, body's, response's or header's `$ref`s to the object itself."""
        document = self.old if side == "old" else self.new
        seen: set[Pointer] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            if at in seen:
                raise DiffError(f"{self.c.labels[0 if side == 'old' else 1]}: $ref loop at "
                                f"{'/'.join(at)}")
            seen.add(at)
            node, at = self.c.resolve(document, node["$ref"], side)
        return node, at

    def compare(self) -> None:
        """Compare the whole documents."""
        self._document()
        old_paths = _paths(self.old)
        new_paths = _paths(self.new)
        for key in [*new_paths, *(k for k in old_paths if k not in new_paths)]:
            old_item = old_paths.get(key)
            new_item = new_paths.get(key)
            for method in METHODS:
                o = self._operation(old_item, method)
                n = self._operation(new_item, method)
                if o is None and n is None:
                    continue
                item = new_item if new_item is not None else old_item
                assert item is not None
                name = f"{method.upper()} {item[0]}"
                if o is None:
                    assert n is not None
                    self.emit("operation-added", n[1], "looser", "a new operation", name,
                              "request")
                elif n is None:
                    self.emit("operation-removed", o[1], "tighter",
                              "the operation was removed: clients that call it now fail", name,
                              "request")
                else:
                    self._compare_operation(name, o, n, old_item, new_item)

    def _document(self) -> None:
        """Compare what lies outside the paths: version of OpenAPI, info, servers, webhooks."""
        old_v, new_v = str(self.old.get("openapi", "")), str(self.new.get("openapi", ""))
        if old_v.split(".")[:2] != new_v.split(".")[:2]:
            self.emit("dialect-changed", ("openapi",), "both",
                      f"OpenAPI {old_v} became {new_v}: schemas may mean other things",
                      "the document", "data")
        if self.old.get("jsonSchemaDialect") != self.new.get("jsonSchemaDialect"):
            self.emit("dialect-changed", ("jsonSchemaDialect",), "both",
                      "the JSON Schema dialect changed", "the document", "data")
        old_info = self.old.get("info") if isinstance(self.old.get("info"), dict) else {}
        new_info = self.new.get("info") if isinstance(self.new.get("info"), dict) else {}
        assert isinstance(old_info, dict) and isinstance(new_info, dict)
        for key in sorted((set(old_info) | set(new_info)) - {"version"}):
            if canonical(old_info.get(key)) != canonical(new_info.get(key)):
                self.emit("annotation-changed", ("info", key), "none", f"info.{key} changed",
                          "the document", "data")
        for key in ("servers", "tags", "externalDocs"):
            if canonical(self.old.get(key)) != canonical(self.new.get(key)):
                self.emit("annotation-changed", (key,), "none", f"`{key}` changed",
                          "the document", "data")
        if canonical(self.old.get("webhooks")) != canonical(self.new.get("webhooks")):
            self.emit("keyword-changed", ("webhooks",), "both",
                      "the webhooks changed; lgstandards does not compare webhooks, so the "
                      "change cannot be proved compatible", "the document", "data")

    @staticmethod
    def _operation(item: tuple[str, dict[str, Any], Pointer] | None, method: str
                   ) -> tuple[dict[str, Any], Pointer] | None:
        """Return one operation of a path item and its pointer."""
        if item is None or not isinstance(item[1].get(method), dict):
            return None
        return item[1][method], (*item[2], method)

    def _compare_operation(self, name: str, old: tuple[dict[str, Any], Pointer],
                           new: tuple[dict[str, Any], Pointer],
                           old_item: tuple[str, dict[str, Any], Pointer] | None,
                           new_item: tuple[str, dict[str, Any], Pointer] | None) -> None:
        """Compare one operation: notes, parameters, body, responses and security."""
        (o, o_at), (n, n_at) = old, new
        for key in sorted((set(o) | set(n)) - {"parameters", "requestBody", "responses",
                                                "security"}):
            if canonical(o.get(key)) == canonical(n.get(key)):
                continue
            at = (*n_at, key) if key in n else (*o_at, key)
            if key == "deprecated":
                self.emit("operation-deprecated" if n.get(key) else "annotation-changed", at,
                          "none", "the operation is now deprecated" if n.get(key) else
                          "the operation is no longer deprecated", name, "request")
            elif key in _OPERATION_NOTES or key.startswith("x-"):
                self.emit("annotation-changed", at, "none", f"`{key}` changed", name, "request")
            else:
                self.emit("keyword-changed", at, "both",
                          f"`{key}` changed; lgstandards does not compare it, so the change "
                          "cannot be proved compatible", name, "request")
        assert old_item is not None and new_item is not None
        self._parameters(name, self._params("old", old_item, o, o_at),
                         self._params("new", new_item, n, n_at))
        self._request_body(name, o, o_at, n, n_at)
        self._responses(name, o, o_at, n, n_at)
        self._security(name, o, o_at, n, n_at)

    def _params(self, side: str, item: tuple[str, dict[str, Any], Pointer],
                operation: dict[str, Any], operation_at: Pointer
                ) -> dict[tuple[str, str], tuple[dict[str, Any], Pointer]]:
        """Return an operation's parameters (path-level ones included) by place and name."""
        path, path_item, item_at = item
        names = re.findall(r"\{([^}/]+)\}", path)
        found: dict[tuple[str, str], tuple[dict[str, Any], Pointer]] = {}
        for source, base in ((path_item.get("parameters"), (*item_at, "parameters")),
                             (operation.get("parameters"), (*operation_at, "parameters"))):
            if not isinstance(source, list):
                continue
            for index, raw in enumerate(source):
                parameter, at = self.deref(side, raw, (*base, str(index)))
                if not isinstance(parameter, dict):
                    continue
                where, label = str(parameter.get("in")), str(parameter.get("name"))
                # A path parameter is known by its place in the path: renaming it changes nothing.
                key = (where, f"#{names.index(label)}") if where == "path" and label in names \
                    else (where, label)
                found[key] = (parameter, at)
        return found

    def _parameters(self, name: str,
                    old: dict[tuple[str, str], tuple[dict[str, Any], Pointer]],
                    new: dict[tuple[str, str], tuple[dict[str, Any], Pointer]]) -> None:
        """Compare parameters: a new required one breaks clients, a new optional one servers."""
        for key in [*new, *(k for k in old if k not in new)]:
            o, n = old.get(key), new.get(key)
            either = n if n is not None else o
            assert either is not None
            label = f"{name} {key[0]} parameter {either[0].get('name')!r}"
            if o is None:
                assert n is not None
                if n[0].get("required"):
                    self.emit("new-required-request-parameter", n[1], "tighter",
                              "a new required parameter: requests without it are refused",
                              label, "request")
                else:
                    self.emit("new-optional-request-parameter", n[1], "looser",
                              "a new optional parameter", label, "request")
                continue
            if n is None:
                self.emit("request-parameter-removed", o[1], "tighter",
                          "the parameter was removed: clients that send it may be refused",
                          label, "request")
                continue
            (op, op_at), (np, np_at) = o, n
            if bool(op.get("required")) != bool(np.get("required")):
                if np.get("required"):
                    self.emit("request-parameter-became-required", (*np_at, "required"),
                              "tighter", "the parameter is now required", label, "request")
                else:
                    self.emit("request-parameter-became-optional", (*np_at, "required"),
                              "looser", "the parameter is now optional", label, "request")
            for key_name in ("style", "explode", "allowReserved", "allowEmptyValue"):
                if op.get(key_name) != np.get(key_name):
                    self.emit("request-parameter-style-changed", (*np_at, key_name), "both",
                              f"`{key_name}` changed, so clients may have to write the value "
                              "differently", label, "request")
            for key_name in _PARAMETER_NOTES:
                if canonical(op.get(key_name)) != canonical(np.get(key_name)):
                    self.emit("annotation-changed", (*np_at, key_name), "none",
                              f"`{key_name}` changed", label, "request")
            place = Place(context=label, direction="request")
            self._schema_or_content(op, op_at, np, np_at, place, "request")

    def _schema_or_content(self, old: dict[str, Any], old_at: Pointer, new: dict[str, Any],
                           new_at: Pointer, place: Place, direction: Direction) -> None:
        """Compare a parameter's or header's `schema` (or its `content`)."""
        if "schema" in old or "schema" in new:
            self.c.compare(old.get("schema", True), (*old_at, "schema"),
                           new.get("schema", True), (*new_at, "schema"), place)
        if "content" in old or "content" in new:
            self._content(place.context, old.get("content"), (*old_at, "content"),
                          new.get("content"), (*new_at, "content"), direction)

    def _content(self, name: str, old: Any, old_at: Pointer, new: Any, new_at: Pointer,
                 direction: Direction) -> None:
        """Compare media types and their schemas."""
        old_media = old if isinstance(old, dict) else {}
        new_media = new if isinstance(new, dict) else {}
        request = direction == "request"
        for media in [*new_media, *(m for m in old_media if m not in new_media)]:
            if media not in old_media:
                self.emit(f"{direction}-media-type-added", (*new_at, media), "looser",
                          f"the media type {media} is now "
                          + ("accepted" if request else "a possible answer"), name, direction)
            elif media not in new_media:
                self.emit(f"{direction}-media-type-removed", (*old_at, media), "tighter",
                          f"the media type {media} is no longer "
                          + ("accepted" if request else "a possible answer"), name, direction)
            else:
                o, n = old_media[media], new_media[media]
                if not isinstance(o, dict) or not isinstance(n, dict):
                    continue
                self.c.compare(o.get("schema", True), (*old_at, media, "schema"),
                               n.get("schema", True), (*new_at, media, "schema"),
                               Place(context=f"{name} ({media})", direction=direction))

    def _request_body(self, name: str, o: dict[str, Any], o_at: Pointer, n: dict[str, Any],
                      n_at: Pointer) -> None:
        """Compare request bodies in the request direction: the client produces them."""
        label = f"{name} request body"
        old_body = self.deref("old", o["requestBody"], (*o_at, "requestBody")) \
            if "requestBody" in o else None
        new_body = self.deref("new", n["requestBody"], (*n_at, "requestBody")) \
            if "requestBody" in n else None
        if old_body is None and new_body is None:
            return
        if old_body is None:
            assert new_body is not None
            required = bool(new_body[0].get("required"))
            self.emit("request-body-added", new_body[1], "tighter" if required else "looser",
                      "a new " + ("required body: requests without it are refused" if required
                                  else "optional body"), label, "request")
            return
        if new_body is None:
            self.emit("request-body-removed", old_body[1], "tighter",
                      "the body was removed: clients that send one may be refused", label,
                      "request")
            return
        (ob, ob_at), (nb, nb_at) = old_body, new_body
        if bool(ob.get("required")) != bool(nb.get("required")):
            required = bool(nb.get("required"))
            self.emit(f"request-body-became-{'required' if required else 'optional'}",
                      (*nb_at, "required"), "tighter" if required else "looser",
                      f"the body is now {'required' if required else 'optional'}", label,
                      "request")
        self._content(label, ob.get("content"), (*ob_at, "content"), nb.get("content"),
                      (*nb_at, "content"), "request")

    def _responses(self, name: str, o: dict[str, Any], o_at: Pointer, n: dict[str, Any],
                   n_at: Pointer) -> None:
        """Compare responses in the response direction: the server produces them."""
        old_responses = o.get("responses") if isinstance(o.get("responses"), dict) else {}
        new_responses = n.get("responses") if isinstance(n.get("responses"), dict) else {}
        assert isinstance(old_responses, dict) and isinstance(new_responses, dict)
        for status in [*new_responses, *(s for s in old_responses if s not in new_responses)]:
            label = f"{name} response {status}"
            if status not in old_responses:
                self.emit("response-added", (*n_at, "responses", status), "looser",
                          "a new response clients may receive", label, "response")
                continue
            if status not in new_responses:
                self.emit("response-removed", (*o_at, "responses", status), "tighter",
                          "the response was removed: servers that send it no longer conform, "
                          "and clients lose it", label, "response")
                continue
            old_r, old_at = self.deref("old", old_responses[status], (*o_at, "responses", status))
            new_r, new_at = self.deref("new", new_responses[status], (*n_at, "responses", status))
            if not isinstance(old_r, dict) or not isinstance(new_r, dict):
                continue
            self._content(label, old_r.get("content"), (*old_at, "content"),
                          new_r.get("content"), (*new_at, "content"), "response")
            self._headers(label, old_r, old_at, new_r, new_at)

    def _headers(self, label: str, old: dict[str, Any], old_at: Pointer, new: dict[str, Any],
                 new_at: Pointer) -> None:
        """Compare response headers: a removed one takes something from clients."""
        old_h = old.get("headers") if isinstance(old.get("headers"), dict) else {}
        new_h = new.get("headers") if isinstance(new.get("headers"), dict) else {}
        assert isinstance(old_h, dict) and isinstance(new_h, dict)
        lowered_old = {k.lower(): k for k in old_h}
        lowered_new = {k.lower(): k for k in new_h}
        for key in [*lowered_new, *(k for k in lowered_old if k not in lowered_new)]:
            where = f"{label} header {key}"
            if key not in lowered_old:
                header, at = self.deref("new", new_h[lowered_new[key]],
                                        (*new_at, "headers", lowered_new[key]))
                required = isinstance(header, dict) and bool(header.get("required"))
                self.emit("response-header-added", at, "tighter" if required else "looser",
                          "a new " + ("required header servers must send" if required else
                                      "optional header"), where, "response")
            elif key not in lowered_new:
                self.emit("response-header-removed", (*old_at, "headers", lowered_old[key]),
                          "looser", "the header was removed", where, "response")
            else:
                oh, oh_at = self.deref("old", old_h[lowered_old[key]],
                                       (*old_at, "headers", lowered_old[key]))
                nh, nh_at = self.deref("new", new_h[lowered_new[key]],
                                       (*new_at, "headers", lowered_new[key]))
                if not isinstance(oh, dict) or not isinstance(nh, dict):
                    continue
                if bool(oh.get("required")) != bool(nh.get("required")):
                    required = bool(nh.get("required"))
                    self.emit(f"response-header-became-{'required' if required else 'optional'}",
                              (*nh_at, "required"), "tighter" if required else "looser",
                              f"the header is now {'required' if required else 'optional'}",
                              where, "response")
                self._schema_or_content(oh, oh_at, nh, nh_at,
                                        Place(context=where, direction="response"), "response")

    def _security(self, name: str, o: dict[str, Any], o_at: Pointer, n: dict[str, Any],
                  n_at: Pointer) -> None:
        """Compare who may call the operation: a new requirement breaks clients."""
        old_reqs, old_where = _security(self.old, o, o_at)
        new_reqs, new_where = _security(self.new, n, n_at)
        old_open = not old_reqs or "{}" in old_reqs
        new_open = not new_reqs or "{}" in new_reqs
        label = f"{name} security"
        if old_open and not new_open:
            self.emit("security-added", new_where, "tighter",
                      "the operation now needs authentication: clients without it are refused",
                      label, "request")
        elif new_open and not old_open:
            self.emit("security-removed", old_where, "looser",
                      "the operation no longer needs authentication", label, "request")
        elif not old_open:
            for requirement in sorted(old_reqs - new_reqs):
                self.emit("security-requirement-removed", new_where, "tighter",
                          f"the way of authenticating {requirement} is no longer accepted",
                          label, "request")
            for requirement in sorted(new_reqs - old_reqs):
                self.emit("security-requirement-added", new_where, "looser",
                          f"a new way of authenticating is accepted: {requirement}", label,
                          "request")
        old_schemes = _schemes(self.old)
        new_schemes = _schemes(self.new)
        used = {k for r in new_reqs for k in _names_in(r)}
        for scheme in sorted(used):
            if scheme in old_schemes and canonical(old_schemes[scheme]) != canonical(
                    new_schemes.get(scheme)):
                self.emit("security-scheme-changed",
                          ("components", "securitySchemes", scheme), "both",
                          f"the security scheme {scheme!r} changed", label, "request")


def _paths(document: Mapping[str, Any]) -> dict[str, tuple[str, dict[str, Any], Pointer]]:
    """Return path items keyed by their template with parameter names blanked."""
    paths = document.get("paths")
    if not isinstance(paths, dict):
        return {}
    return {_template(path): (path, item, ("paths", path))
            for path, item in paths.items() if isinstance(item, dict)}


def _security(document: Mapping[str, Any], operation: dict[str, Any], at: Pointer
              ) -> tuple[frozenset[str], Pointer]:
    """Return an operation's security requirements (its own, else the document's) as text."""
    if "security" in operation:
        requirements, where = operation["security"], (*at, "security")
    else:
        requirements, where = document.get("security"), ("security",)
    if not isinstance(requirements, list):
        return frozenset(), where
    return frozenset(canonical(r) for r in requirements), where


def _schemes(document: Mapping[str, Any]) -> dict[str, Any]:
    """Return the document's security schemes."""
    components = document.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    return schemes if isinstance(schemes, dict) else {}


def _names_in(requirement: str) -> list[str]:
    """Return the scheme names of a requirement written as canonical JSON."""
    value = json.loads(requirement)
    return list(value) if isinstance(value, dict) else []
