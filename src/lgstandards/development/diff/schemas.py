"""The schema engine: every change between two self-contained JSON Schemas, and whom it breaks.

Both schemas are walked side by side. At each place the two subschemas are first *viewed*: `$ref`
targets and `allOf` members are folded into one set of keywords where they do not clash, and the
nullable spellings (`type: [x, "null"]`, `anyOf: [x, {type: null}]`, OpenAPI 3.0 `nullable`) are
read as one "accepts null" flag, so a change of spelling is not a change. The views are then
compared keyword by keyword. A change that makes the schema refuse data it accepted is *tighter*
and breaks producers; one that accepts more is *looser* and breaks consumers; annotations break
nobody. Inside `not` the two swap. Whatever is not understood is reported as tighter: a change
that cannot be proved harmless is treated as breaking.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from fractions import Fraction
from typing import Any

from lgstandards.development.diff.model import Breaks, Change, DiffError, bump_for
from lgstandards.development.diff.patterns import PatternError, compare_patterns, compare_strings
from lgstandards.development.diff.views import (
    ANNOTATIONS,
    BUNDLED_FROM,
    HANDLED,
    Effect,
    Entry,
    Place,
    Pointer,
    View,
    Viewer,
    align,
    canonical,
    count_bound,
    covered_by,
    dependencies_of,
    enum_values,
    exact_number,
    fold_types,
    identity,
    is_anchor,
    item_schemas,
    kebab,
    listed_properties,
    meet,
    members_of,
    numeric_bound,
    quote,
    required_names,
    shown_bound,
    string_constraints,
    type_of,
    type_words,
    value_pointer,
)
from lgstandards.findings import join_pointer

_RELATION_EFFECT: dict[str, Effect] = {"narrower": "tighter", "wider": "looser",
                                       "different": "both", "same": "none"}
_UNPROVABLE = frozenset({"keyword-changed", "dialect-changed", "reference-unfollowed"})
_COUNTED = {"minLength": "string", "maxLength": "string", "minItems": "array",
            "maxItems": "array", "minContains": "array", "maxContains": "array",
            "minProperties": "object", "maxProperties": "object"}
_LOWER_COUNTS = ("minLength", "minItems", "minProperties", "minContains")
_UPPER_COUNTS = ("maxLength", "maxItems", "maxProperties", "maxContains")
_FLIP: dict[Effect, Effect] = {"tighter": "looser", "looser": "tighter", "both": "both",
                               "none": "none"}
_BREAKS: dict[Effect, Breaks] = {"tighter": "producers", "both": "producers",
                                 "looser": "consumers", "none": "nobody"}


class SchemaComparer(Viewer):
    """Compares subschemas of two documents, collecting changes; one instance per document pair."""

    def __init__(self, old: Mapping[str, Any], new: Mapping[str, Any], *, prefix: str = "",
                 annotations: Iterable[str] = (), labels: tuple[str, str] = ("old", "new")
                 ) -> None:
        """Start a comparison of two documents; `prefix` goes before every pointer reported."""
        super().__init__(old, new, annotations=annotations, labels=labels)
        self.prefix = prefix
        self.changes: list[Change] = []
        self._seen: set[tuple[object, object, str, bool]] = set()
        self._canon: dict[int, str] = {}
        self._documents_differ: bool | None = None
        # How deep the comparison is, and the depth each change was found at: a node's own
        # changes are the ones found at its depth.
        self._depth = 0
        self._depths: list[int] = []
        self._new_validator: Any = None

    # -- reporting -------------------------------------------------------------------------------

    def emit(self, code: str, at: Pointer, effect: Effect, sentence: str, place: Place) -> None:
        """Record one change, classified by its effect on the data at this place."""
        reached = _reached(effect, place.reach)
        if reached != effect:
            sentence += ("; no data of the type it applies to can be here in the "
                         + ("old version" if effect == "tighter" else "new version" if
                            effect == "looser" else "other version") + ", so nothing changes "
                         "verdict" if reached == "none" else "; only one direction can happen "
                         "here")
            effect = reached
        if place.flip:
            effect = _FLIP[effect]
            sentence += " (inside `not`, so the effect is reversed)"
        breaks = _BREAKS[effect]
        self.changes.append(Change(
            code=code,
            pointer=self.prefix + join_pointer(at),
            description=f"{place.subject()}: {sentence}",
            breaks=breaks,
            bump=bump_for(code, breaks, place.direction),
            direction=place.direction,
        ))
        self._depths.append(self._depth)

    def distance(self, old: tuple[Any, Pointer], new: tuple[Any, Pointer]) -> int:
        """Return how many changes that break someone lie between two subschemas."""
        old_types = self._declared_types(self.view("old", old[0], old[1]))
        new_types = self._declared_types(self.view("new", new[0], new[1]))
        if old_types is not None and new_types is not None and not meet(old_types, new_types):
            return 1_000  # Branches of different types are never the same branch changed.
        trial = SchemaComparer(self.old, self.new, annotations=self.annotations,
                               labels=self.labels)
        trial.compare(old[0], old[1], new[0], new[1], Place())
        return sum(1 for c in trial.changes if c.breaks != "nobody")

    def same(self, old: Any, new: Any) -> bool:
        """Return whether two subschemas are written identically and refer to nothing."""
        old_text = self._canon.get(id(old))
        if old_text is None:
            old_text = self._canon[id(old)] = canonical(old)
        new_text = self._canon.get(id(new))
        if new_text is None:
            new_text = self._canon[id(new)] = canonical(new)
        # Identical text with a $ref inside may still differ: the targets can have changed.
        return old_text == new_text and '"$ref"' not in old_text

    # -- comparing -------------------------------------------------------------------------------

    def compare(self, old: Any, old_at: Pointer, new: Any, new_at: Pointer, place: Place) -> None:
        """Compare two subschemas, recording every change between them."""
        key = (identity(old, old_at), identity(new, new_at), place.direction, place.flip)
        if key in self._seen:
            return  # Compared already, or being compared further up: a recursive schema.
        self._seen.add(key)
        if self.same(old, new):
            return
        old_view = self.view("old", old, old_at)
        self._depth += 1
        start = len(self.changes)
        try:
            self.compare_views(old_view, self.view("new", new, new_at), old_at, new_at, place)
        finally:
            self._depth -= 1
        self._check_old_values(old_view, new, new_at, start)

    def _check_old_values(self, old: View, new_raw: Any, new_at: Pointer, start: int) -> None:
        """Where the old version allowed a few listed values, test each against the new one.

        A field that was `enum: ["open", "closed"]` and becomes a string of 1 to 100 characters
        refuses nothing it accepted: its tighter-looking keywords break nobody.
        """
        values = enum_values(old)
        # Keywords python-jsonschema ignores stay unproved: another validator may assert them.
        mine = [i for i in range(start, len(self.changes))
                if self._depths[i] == self._depth + 1 and self.changes[i].breaks == "producers"
                and self.changes[i].code not in _UNPROVABLE]
        if values is None or not mine or len(values) > 1000:
            return
        candidates = [*values.values(), *([None] if self._accepts_null(old) else [])]
        refused = self._refused_by_new(candidates, new_raw, new_at)
        if refused is None or refused:
            return
        for i in mine:
            change = self.changes[i]
            self.changes[i] = replace(
                change, breaks="nobody", bump="patch",
                description=change.description + "; every value the old version listed is "
                "still accepted, so nothing changes verdict")

    def _refused_by_new(self, values: list[Any], new_raw: Any, new_at: Pointer
                        ) -> list[Any] | None:
        """Return the values the new subschema refuses (None when it cannot be told)."""
        try:
            node, _ = self.resolve(self.new, "#" + join_pointer(new_at), "new")
        except DiffError:
            return None
        if node is not new_raw:
            return None  # A branch built here, not a place in the document.
        try:
            validator = self._validator_for(new_at)
            return [v for v in values if not validator.is_valid(v)]
        except Exception:
            # A schema python-jsonschema cannot use only means this check cannot be made.
            return None

    def _validator_for(self, at: Pointer) -> Any:
        """Return a validator for one place of the new document (its references resolved)."""
        import jsonschema
        from referencing import Registry
        from referencing.jsonschema import DRAFT202012, specification_with

        if self._new_validator is None:
            dialect = self.new.get("$schema")
            specification = specification_with(str(dialect), default=DRAFT202012) \
                if isinstance(dialect, str) else DRAFT202012
            resource = specification.create_resource(self.new)
            registry: Registry[Any] = Registry().with_resource("urn:lgstandards:new", resource)
            cls = jsonschema.validators.validator_for(
                self.new, default=jsonschema.Draft202012Validator)
            self._new_validator = (cls, registry)
        cls, registry = self._new_validator
        return cls({"$ref": "urn:lgstandards:new#" + join_pointer(at)}, registry=registry,
                   format_checker=cls.FORMAT_CHECKER)

    def compare_views(self, old: View, new: View, old_at: Pointer, new_at: Pointer,
                      place: Place) -> None:
        """Compare two views keyword by keyword."""
        # No value of the known types passes a side here: nothing can change verdict there.
        place = replace(place, reach=(
            place.reach[0] and self._within_types(old, place.known[0]) != frozenset(),
            place.reach[1] and self._within_types(new, place.known[1]) != frozenset()))
        if old.never or new.never:
            if old.never and not new.never:
                self.emit("schema-allowed", new_at, "looser",
                          "was refused whatever its value, and is now allowed", place)
            elif new.never and not old.never:
                self.emit("schema-forbidden", new_at, "tighter",
                          "is now refused whatever its value", place)
            return
        for keyword in ("anyOf", "oneOf"):
            if (keyword in old.kw) != (keyword in new.kw):
                # type: [string, integer] respelled as anyOf of two types is no change.
                fold_types(old, keyword)
                fold_types(new, keyword)
            self.lift(keyword, old, new, old_at, new_at)
        self._unfollowed(old, new, new_at, place)
        self._null_and_types(old, new, new_at, place)
        self._values(old, new, new_at, place)
        cap = self._string_cap(old, new)
        self._strings(old, new, new_at, self._family(place, old, new, "string"), cap)
        self._numbers(old, new, new_at, place, cap)
        self._arrays(old, new, old_at, new_at, self._family(place, old, new, "array"))
        self._objects(old, new, old_at, new_at, self._family(place, old, new, "object"))
        self._combinators(old, new, old_at, new_at, place)
        self._definitions(old, new, place)
        self._others(old, new, new_at, place)

    def _unfollowed(self, old: View, new: View, at: Pointer, place: Place) -> None:
        """Report dynamic references, which are not followed, when anything at all changed."""
        found = [k for k in ("$dynamicRef", "$recursiveRef") if k in old.kw or k in new.kw]
        if not found:
            return
        if self._documents_differ is None:
            self._documents_differ = canonical(self.old) != canonical(self.new)
        if self._documents_differ:
            self.emit("reference-unfollowed", at, "both",
                      f"lgstandards does not follow `{found[0]}`, so a change behind it cannot "
                      "be proved compatible", place)

    # -- types and values ------------------------------------------------------------------------

    @staticmethod
    def _declared_types(view: View) -> frozenset[str] | None:
        """Return the non-null types a view allows (None: any), from `type` or else its values."""
        declared = view.kw.get("type")
        if declared is not None:
            names = declared.value if isinstance(declared.value, list) else [declared.value]
            return frozenset(str(n) for n in names if n != "null")
        values = enum_values(view)
        if values is not None:
            return frozenset(type_of(v) for v in values.values())
        return None

    @staticmethod
    def _accepts_null(view: View) -> bool:
        """Return whether a view accepts null."""
        if view.nullable:
            return True
        declared = view.kw.get("type")
        if declared is not None:
            names = declared.value if isinstance(declared.value, list) else [declared.value]
            if "null" not in names:
                return False
        if "const" in view.kw and view.kw["const"].value is not None:
            return False
        enum = view.kw.get("enum")
        return not (enum is not None and isinstance(enum.value, list) and None not in enum.value)

    def _null_and_types(self, old: View, new: View, at: Pointer, place: Place) -> None:
        """Compare whether null is accepted, then the other types."""
        where = (new.kw["type"].at if "type" in new.kw else
                 old.kw["type"].at if "type" in old.kw else at)
        old_null, new_null = self._accepts_null(old), self._accepts_null(new)
        old_types, new_types = self._declared_types(old), self._declared_types(new)
        # Going from any type to some (or back) says everything about null too.
        if (old_types is None) == (new_types is None):
            if old_null and not new_null:
                self.emit("null-removed", where, "tighter", "null is no longer allowed", place)
            elif new_null and not old_null:
                self.emit("null-added", where, "looser", "null is now allowed", place)
        if old_types == new_types:
            return
        if old_types is None:
            self.emit("type-added", where, "tighter",
                      f"must now be {type_words(new_types)}; any type was allowed before", place)
            return
        if new_types is None:
            self.emit("type-removed", where, "looser",
                      f"may now be of any type; it had to be {type_words(old_types)}", place)
            return
        lost = sorted(t for t in old_types if not covered_by(t, new_types))
        gained = sorted(t for t in new_types if not covered_by(t, old_types))
        if "integer" in lost and "number" in new_types:
            lost.remove("integer")
        if lost:
            self.emit("type-narrowed", where, "tighter",
                      f"{type_words(frozenset(lost))} values are no longer allowed "
                      f"(type {type_words(old_types)} became {type_words(new_types)})", place)
        if gained:
            named = ["non-integer number" if t == "number" and "integer" in old_types else t
                     for t in gained]
            self.emit("type-widened", where, "looser",
                      f"{', '.join(named)} values are now allowed "
                      f"(type {type_words(old_types)} became {type_words(new_types)})", place)

    def _values(self, old: View, new: View, at: Pointer, place: Place) -> None:
        """Compare `enum` and `const`: the values allowed, null apart."""
        old_values, new_values = enum_values(old), enum_values(new)
        if old_values is None and new_values is None:
            return
        old_entry = old.kw.get("enum") or old.kw.get("const")
        new_entry = new.kw.get("enum") or new.kw.get("const")
        codelist = new.kw.get("x-codelist") or old.kw.get("x-codelist")
        listed = f" (codelist {codelist.value})" if codelist else ""
        if old_values is None:
            assert new_entry is not None
            self.emit("enum-added", new_entry.at, "tighter",
                      f"only {len(new_values or {})} listed value(s) are now allowed{listed}",
                      place)
            return
        if new_values is None:
            assert old_entry is not None
            self.emit("enum-removed", old_entry.at, "looser",
                      f"the list of allowed values{listed} was removed: any value is allowed",
                      place)
            return
        assert old_entry is not None and new_entry is not None
        for key, value in old_values.items():
            if key not in new_values:
                self.emit("enum-value-removed", value_pointer(old_entry, value), "tighter",
                          f"the value {quote(value)} is no longer allowed{listed}", place)
        for key, value in new_values.items():
            if key not in old_values:
                self.emit("enum-value-added", value_pointer(new_entry, value), "looser",
                          f"the value {quote(value)} is now allowed{listed}", place)

    # -- strings and numbers ---------------------------------------------------------------------

    def _family(self, place: Place, old: View, new: View, family: str) -> Place:
        """Return the place as seen by keywords for one type: can old or new data be it?"""
        return replace(place, reach=(
            place.reach[0] and _allows(self._within_types(old, place.known[0]), family),
            place.reach[1] and _allows(self._within_types(new, place.known[1]), family)))

    def _within_types(self, view: View, known: frozenset[str] | None) -> frozenset[str] | None:
        """Return the types a value here can have: the view's, within what is known."""
        if view.never:
            return frozenset()
        return meet(self._declared_types(view), known)

    def _within(self, place: Place, old: View, new: View) -> Place:
        """Return the place for subschemas that apply to this same value (then, allOf, anyOf)."""
        return replace(place, known=(self._within_types(old, place.known[0]),
                                     self._within_types(new, place.known[1])))

    @staticmethod
    def _string_cap(old: View, new: View) -> tuple[bool, bool] | None:
        """Return whether a pattern and lengths together refuse, and accept, anything new.

        None when there is no pattern (lengths alone compare exactly) or it cannot be compared.
        """
        keys = ("pattern", "minLength", "maxLength")
        if "pattern" not in old.kw and "pattern" not in new.kw:
            return None
        if all(canonical(getattr(old.kw.get(k), "value", None)) == canonical(
                getattr(new.kw.get(k), "value", None)) for k in keys):
            return None
        try:
            result = compare_strings(string_constraints(old), string_constraints(new))
        except PatternError:
            return None
        return result.refused is not None, result.accepted is not None

    def _strings(self, old: View, new: View, at: Pointer, place: Place,
                 cap: tuple[bool, bool] | None) -> None:
        """Compare `pattern` and `format` (lengths are counts, compared with the others)."""
        old_p, new_p = old.kw.get("pattern"), new.kw.get("pattern")
        if old_p is not None or new_p is not None:
            self._pattern(old_p, new_p, place, cap)
        old_f, new_f = old.kw.get("format"), new.kw.get("format")
        if old_f is None and new_f is not None:
            self.emit("format-added", new_f.at, "tighter",
                      f"must now have the format {new_f.value!r}", place)
        elif new_f is None and old_f is not None:
            self.emit("format-removed", old_f.at, "looser",
                      f"no longer needs the format {old_f.value!r}", place)
        elif old_f is not None and new_f is not None and old_f.value != new_f.value:
            self.emit("format-changed", new_f.at, "both",
                      f"the format changed from {old_f.value!r} to {new_f.value!r}", place)

    def _pattern(self, old: Entry | None, new: Entry | None, place: Place,
                 cap: tuple[bool, bool] | None) -> None:
        """Compare two patterns as regular languages (None: no pattern)."""
        old_text = old.value if old is not None and isinstance(old.value, str) else None
        new_text = new.value if new is not None and isinstance(new.value, str) else None
        if old_text == new_text:
            return
        at = new.at if new is not None else old.at if old is not None else ()
        try:
            result = compare_patterns(old_text, new_text)
        except PatternError as exc:
            self.emit("pattern-uncomparable", at, "tighter",
                      f"the pattern changed from {quote(old_text)} to {quote(new_text)} and "
                      f"could not be proved compatible: {exc}", place)
            return
        if result.relation == "same":
            self.emit("pattern-rewritten", at, "none",
                      f"the pattern was rewritten from {quote(old_text)} to {quote(new_text)}"
                      " and accepts exactly the same strings", place)
            return
        if old_text is None or new_text is None:
            code = "pattern-added" if old_text is None else "pattern-removed"
        else:
            code = {"narrower": "pattern-narrowed", "wider": "pattern-widened",
                    "different": "pattern-changed"}[result.relation]
        parts = []
        if result.refused is not None:
            parts.append(f"{quote(result.refused)} was accepted and is now refused")
        if result.accepted is not None:
            parts.append(f"{quote(result.accepted)} was refused and is now accepted")
        effect = _RELATION_EFFECT[result.relation]
        self.emit(code, at, capped(effect, cap),
                  f"the pattern changed from {quote(old_text)} to {quote(new_text)}: "
                  + "; ".join(parts) + _cap_note(effect, cap), place)

    def _numbers(self, old: View, new: View, at: Pointer, place: Place,
                 cap: tuple[bool, bool] | None) -> None:
        """Compare counts (lengths, items, properties), numeric bounds and `multipleOf`."""
        for keyword in (*_LOWER_COUNTS, *_UPPER_COUNTS):
            lower = keyword in _LOWER_COUNTS
            o, n = old.kw.get(keyword), new.kw.get(keyword)
            if o is None and n is None:
                continue
            family = _COUNTED[keyword]
            self._bound(keyword, lower, count_bound(o), count_bound(n), o, n,
                        self._family(place, old, new, family),
                        cap if family == "string" else None)
        numbers = self._family(place, old, new, "number")
        for lower in (True, False):
            ob, nb = numeric_bound(old, lower=lower), numeric_bound(new, lower=lower)
            name = "minimum" if lower else "maximum"
            self._bound(name, lower, ob[0] if ob else None, nb[0] if nb else None,
                        ob[1] if ob else None, nb[1] if nb else None, numbers)
        o, n = old.kw.get("multipleOf"), new.kw.get("multipleOf")
        if o is not None or n is not None:
            self._multiple_of(o, n, numbers)

    def _bound(self, keyword: str, lower: bool, old: tuple[Fraction, int] | None,
               new: tuple[Fraction, int] | None, old_entry: Entry | None,
               new_entry: Entry | None, place: Place,
               cap: tuple[bool, bool] | None = None) -> None:
        """Compare one lower or upper bound; the int says how exclusive it is."""
        if old == new:
            return
        code = kebab(keyword)
        at = new_entry.at if new_entry is not None else old_entry.at if old_entry else ()
        shown_old = shown_bound(old_entry)
        shown_new = shown_bound(new_entry)
        if old is None:
            self.emit(f"{code}-added", at, capped("tighter", cap),
                      f"{keyword} {shown_new} was added" + _cap_note("tighter", cap), place)
        elif new is None:
            self.emit(f"{code}-removed", at, capped("looser", cap),
                      f"{keyword} {shown_old} was removed" + _cap_note("looser", cap), place)
        else:
            raised = new > old
            tighter = raised if lower else not raised
            effect: Effect = "tighter" if tighter else "looser"
            self.emit(f"{code}-{'increased' if raised else 'decreased'}", at,
                      capped(effect, cap),
                      f"{keyword} changed from {shown_old} to {shown_new}: "
                      + ("values allowed before are now refused" if tighter
                         else "more values are allowed") + _cap_note(effect, cap), place)

    def _multiple_of(self, old: Entry | None, new: Entry | None, place: Place) -> None:
        """Compare `multipleOf`: every multiple of the old is one of the new when it divides it."""
        old_value, new_value = exact_number(old), exact_number(new)
        if old_value == new_value:
            return
        if old_value is None:
            assert new is not None
            self.emit("multiple-of-added", new.at, "tighter",
                      f"must now be a multiple of {new.value}", place)
        elif new_value is None:
            assert old is not None
            self.emit("multiple-of-removed", old.at, "looser",
                      f"no longer has to be a multiple of {old.value}", place)
        else:
            assert old is not None and new is not None
            ratio = old_value / new_value
            effect: Effect = ("looser" if ratio.denominator == 1 else
                              "tighter" if (1 / ratio).denominator == 1 else "both")
            self.emit("multiple-of-changed", new.at, effect,
                      f"multipleOf changed from {old.value} to {new.value}", place)

    # -- arrays ----------------------------------------------------------------------------------

    def _arrays(self, old: View, new: View, old_at: Pointer, new_at: Pointer,
                place: Place) -> None:
        """Compare items (positional and the rest), uniqueness and `contains`."""
        old_prefix, old_rest = item_schemas(old, old_at)
        new_prefix, new_rest = item_schemas(new, new_at)
        for index in range(max(len(old_prefix), len(new_prefix))):
            o = old_prefix[index] if index < len(old_prefix) else old_rest
            n = new_prefix[index] if index < len(new_prefix) else new_rest
            self.compare(o[0], o[1], n[0], n[1], place.child(f"[{index}]"))
        self.compare(old_rest[0], old_rest[1], new_rest[0], new_rest[1], place.child("[]"))
        ou, nu = old.kw.get("uniqueItems"), new.kw.get("uniqueItems")
        if bool(ou and ou.value) != bool(nu and nu.value):
            if nu is not None and nu.value:
                self.emit("unique-items-added", nu.at, "tighter",
                          "items must now all be different", place)
            else:
                where = nu.at if nu is not None else ou.at if ou is not None else new_at
                self.emit("unique-items-removed", where, "looser",
                          "items no longer have to be different", place)
        self._optional_subschema("contains", old, new, place.child("[]"), "an item")
        self._optional_subschema("unevaluatedItems", old, new, place.child("[]"), "an item")

    def _optional_subschema(self, keyword: str, old: View, new: View, place: Place,
                            what: str) -> None:
        """Compare a subschema keyword whose absence means no constraint."""
        o, n = old.kw.get(keyword), new.kw.get(keyword)
        if o is None and n is None:
            return
        if o is None:
            assert n is not None
            if self.view("new", n.value, n.at).constrains():
                self.emit(f"{kebab(keyword)}-added", n.at, "tighter",
                          f"`{keyword}` was added: {what} must now match it", place)
            return
        if n is None:
            if self.view("old", o.value, o.at).constrains():
                self.emit(f"{kebab(keyword)}-removed", o.at, "looser",
                          f"`{keyword}` was removed", place)
            return
        self.compare(o.value, o.at, n.value, n.at, place)

    # -- objects ---------------------------------------------------------------------------------

    def _objects(self, old: View, new: View, old_at: Pointer, new_at: Pointer,
                 place: Place) -> None:
        """Compare properties (with what an object allows for names it does not list) and more."""
        old_props, new_props = listed_properties(old), listed_properties(new)
        for name in [*new_props, *(n for n in old_props if n not in new_props)]:
            child = place.child(name)
            if name in old_props and name in new_props:
                (o, o_at), (n, n_at) = old_props[name], new_props[name]
                self.compare(o, o_at, n, n_at, child)
            elif name in new_props:
                n, n_at = new_props[name]
                implied, implied_at = self._implied(old, name)
                if implied is False:
                    self.emit("property-added", n_at, "looser",
                              "a new field; it was not allowed before", child)
                elif implied is True:
                    if self.view("new", n, n_at).constrains():
                        self.emit("property-added", n_at, "tighter",
                                  "a new field, which the open object allowed with any value "
                                  "before: a value that does not fit it is now refused", child)
                    else:
                        self.emit("property-added", n_at, "none",
                                  "a new field, described but not constrained", child)
                else:
                    self.compare(implied, implied_at or old_at, n, n_at, child)
            else:
                o, o_at = old_props[name]
                implied, implied_at = self._implied(new, name)
                if implied is False:
                    self.emit("property-removed", o_at, "tighter",
                              "the field was removed and is no longer allowed", child)
                elif implied is True:
                    constrained = self.view("old", o, o_at).constrains()
                    self.emit("property-removed", o_at, "looser" if constrained else "none",
                              "the field is no longer defined: the open object allows it with "
                              "any value", child)
                else:
                    self.compare(o, o_at, implied, implied_at or new_at, child)
        self._required(old, new, place)
        self._additional(old, new, new_at, place)
        self._pattern_properties(old, new, old_at, new_at, place)
        self._optional_subschema("propertyNames", old, new, replace(place, known=(None, None)),
                                 "every field name")
        self._optional_subschema("unevaluatedProperties", old, new, place.child("*"),
                                 "every other field")
        self._dependencies(old, new, place)

    def _implied(self, view: View, name: str) -> tuple[Any, Pointer | None]:
        """Return the subschema an object applies to a field it does not list, and its pointer."""
        patterns = view.kw.get("patternProperties")
        if patterns is not None and isinstance(patterns.value, dict):
            for pattern, sub in patterns.value.items():
                try:
                    if re.search(pattern, name):
                        return sub, (*patterns.at, pattern)
                except re.error:
                    continue
        for keyword in ("additionalProperties", "unevaluatedProperties"):
            entry = view.kw.get(keyword)
            if entry is not None:
                return entry.value, entry.at
        return True, None

    def _required(self, old: View, new: View, place: Place) -> None:
        """Compare `required`: a new name breaks producers, a dropped one consumers."""
        o, n = old.kw.get("required"), new.kw.get("required")
        old_names = o.value if o is not None and isinstance(o.value, list) else []
        new_names = n.value if n is not None and isinstance(n.value, list) else []
        for index, name in enumerate(new_names):
            if name not in old_names:
                assert n is not None
                self.emit("required-added", n.part(str(index)), "tighter",
                          "the field is now required", place.child(str(name)))
        for index, name in enumerate(old_names):
            if name not in new_names:
                assert o is not None
                self.emit("required-removed", o.part(str(index)), "looser",
                          "the field is no longer required", place.child(str(name)))

    def _additional(self, old: View, new: View, at: Pointer, place: Place) -> None:
        """Compare `additionalProperties`: closing an object breaks producers."""
        o, n = old.kw.get("additionalProperties"), new.kw.get("additionalProperties")
        if o is None and n is None:
            return
        old_value = o.value if o is not None else True
        new_value = n.value if n is not None else True
        if old_value is False and new_value is not False:
            self.emit("additional-properties-opened", n.at if n else o.at if o else at, "looser",
                      "fields the schema does not list are now allowed", place)
        elif new_value is False and old_value is not False:
            assert n is not None
            self.emit("additional-properties-closed", n.at, "tighter",
                      "fields the schema does not list are now refused", place)
        elif old_value is not False:
            self.compare(old_value, o.at if o else at, new_value, n.at if n else at,
                         place.child("*"))

    def _pattern_properties(self, old: View, new: View, old_at: Pointer, new_at: Pointer,
                            place: Place) -> None:
        """Compare `patternProperties` by their patterns."""
        o, n = old.kw.get("patternProperties"), new.kw.get("patternProperties")
        old_map = o.value if o is not None and isinstance(o.value, dict) else {}
        new_map = n.value if n is not None and isinstance(n.value, dict) else {}
        for key in [*new_map, *(k for k in old_map if k not in new_map)]:
            child = place.child(f"/{key}/")
            if key in old_map and key in new_map:
                assert o is not None and n is not None
                self.compare(old_map[key], (*o.at, key), new_map[key], (*n.at, key), child)
            elif key in new_map:
                assert n is not None
                addition = old.kw.get("additionalProperties")
                before = addition.value if addition is not None else True
                if before is False:
                    self.emit("pattern-property-added", (*n.at, key), "looser",
                              f"fields whose names match {key!r} are now allowed", place)
                else:
                    self.compare(before, addition.at if addition else old_at, new_map[key],
                                 (*n.at, key), child)
            else:
                assert o is not None
                addition = new.kw.get("additionalProperties")
                after = addition.value if addition is not None else True
                if after is False:
                    self.emit("pattern-property-removed", (*o.at, key), "tighter",
                              f"fields whose names match {key!r} are no longer allowed", place)
                else:
                    self.compare(old_map[key], (*o.at, key), after,
                                 addition.at if addition else new_at, child)

    def _dependencies(self, old: View, new: View, place: Place) -> None:
        """Compare `dependentRequired` and `dependentSchemas` (and draft-07 `dependencies`)."""
        place = self._within(place, old, new)
        old_names, old_schemas = dependencies_of(old)
        new_names, new_schemas = dependencies_of(new)
        for key in sorted(set(old_names) | set(new_names)):
            (o_list, o_at), (n_list, n_at) = (old_names.get(key, ([], None)),
                                              new_names.get(key, ([], None)))
            for name in n_list:
                if name not in o_list:
                    self.emit("dependent-required-added", n_at or (), "tighter",
                              f"when {key!r} is present, {name!r} is now required", place)
            for name in o_list:
                if name not in n_list:
                    self.emit("dependent-required-removed", o_at or (), "looser",
                              f"when {key!r} is present, {name!r} is no longer required", place)
        for key in [*new_schemas, *(k for k in old_schemas if k not in new_schemas)]:
            o_schema, o_at = old_schemas.get(key, (True, None))
            n_schema, n_at = new_schemas.get(key, (True, None))
            self.compare(o_schema, o_at or (), n_schema, n_at or (),
                         replace(place, path=f"{place.path} (when {key!r} is present)"))

    # -- combinators -----------------------------------------------------------------------------

    def _combinators(self, old: View, new: View, old_at: Pointer, new_at: Pointer,
                     place: Place) -> None:
        """Compare `allOf` leftovers, `anyOf`, `oneOf`, `not` and `if`/`then`/`else`."""
        place = self._within(place, old, new)
        for old_extra, new_extra in align(old.extras, new.extras, self.distance):
            if old_extra is None:
                assert new_extra is not None
                if not self.implies(old, "old", new_extra[0], new_extra[1]):
                    self.compare(True, new_at, new_extra[0], new_extra[1], place)
            elif new_extra is None:
                if not self.implies(new, "new", old_extra[0], old_extra[1]):
                    self.compare(old_extra[0], old_extra[1], True, old_at, place)
            else:
                self.compare(old_extra[0], old_extra[1], new_extra[0], new_extra[1], place)
        for keyword in ("anyOf", "oneOf"):
            self._alternatives(keyword, old, new, place)
        o, n = old.kw.get("not"), new.kw.get("not")
        if o is not None and n is not None:
            self.compare(o.value, o.at, n.value, n.at, replace(place, flip=not place.flip))
        elif n is not None:
            self.emit("not-added", n.at, "tighter", "`not` was added: data matching it is now "
                      "refused", place)
        elif o is not None:
            self.emit("not-removed", o.at, "looser", "`not` was removed: data it refused is now "
                      "allowed", place)
        self._conditional(old, new, old_at, new_at, place)

    def _alternatives(self, keyword: str, old: View, new: View, place: Place) -> None:
        """Compare `anyOf` or `oneOf` branch by branch."""
        o, n = old.kw.get(keyword), new.kw.get(keyword)
        if o is None and n is None:
            return
        code = kebab(keyword)
        if o is None or n is None:
            entry = n if n is not None else o
            assert entry is not None
            given, side = (old, "old") if o is None else (new, "new")
            if keyword == "anyOf" and any(self.implies(given, side, m, at)
                                          for m, at in members_of(entry)):
                return  # What the data already had to be meets one of the branches.
            self.emit(f"{code}-{'added' if o is None else 'removed'}", entry.at,
                      "tighter" if o is None else "looser",
                      f"`{keyword}` was {'added' if o is None else 'removed'}: data must "
                      + ("now match one of its branches" if o is None else
                         "no longer match one of its branches"), place)
            return
        old_members = members_of(o)
        new_members = members_of(n)
        for pair in align(old_members, new_members, self.distance):
            if pair[0] is None:
                assert pair[1] is not None
                branch, branch_at = pair[1]
                others = [m for m in new_members if m is not pair[1]]
                if keyword == "oneOf" and not all(_disjoint(self, (branch, branch_at), m)
                                                  for m in others):
                    self.emit(f"{code}-branch-added", branch_at, "tighter",
                              "a new branch, which could not be proved not to overlap the "
                              "others: data matching two branches is refused by `oneOf`", place)
                else:
                    self.emit(f"{code}-branch-added", branch_at, "looser",
                              "a new branch: data matching it is now allowed", place)
            elif pair[1] is None:
                self.emit(f"{code}-branch-removed", pair[0][1], "tighter",
                          "a branch was removed: data matching only it is now refused", place)
            else:
                self.compare(pair[0][0], pair[0][1], pair[1][0], pair[1][1], place)

    def _conditional(self, old: View, new: View, old_at: Pointer, new_at: Pointer,
                     place: Place) -> None:
        """Compare `if`/`then`/`else`: a different condition cannot be proved harmless."""
        o_if, n_if = old.kw.get("if"), new.kw.get("if")
        if o_if is not None and n_if is not None:
            before = len(self.changes)
            self.compare(o_if.value, o_if.at, n_if.value, n_if.at, place)
            found = list(zip(self.changes[before:], self._depths[before:], strict=True))
            del self.changes[before:], self._depths[before:]
            # The condition's own annotations are kept; what it decides is judged as a whole.
            for change, depth in found:
                if change.breaks == "nobody":
                    self.changes.append(change)
                    self._depths.append(depth)
            if any(c.breaks != "nobody" for c, _ in found):
                self.emit("if-changed", n_if.at, "both",
                          "the condition of `if` changed, so other data now meets `then` or "
                          "`else`: this cannot be proved compatible", place)
                return
        # `then` meets only values the condition accepts: `if: {type: object}` keeps arrays out.
        condition = n_if or o_if
        side = "new" if n_if is not None else "old"
        if_types = self._declared_types(self.view(side, condition.value, condition.at)) \
            if condition is not None else None
        for keyword in ("then", "else"):
            o = old.kw.get(keyword) if o_if is not None else None
            n = new.kw.get(keyword) if n_if is not None else None
            if o is None and n is None:
                continue
            # A branch that asks only what the other version always asked changes nothing.
            if o is None and n is not None and self.implies(old, "old", n.value, n.at):
                continue
            if n is None and o is not None and self.implies(new, "new", o.value, o.at):
                continue
            branch = replace(place, path=f"{place.path} (`{keyword}`)".strip())
            if keyword == "then":
                branch = replace(branch, known=(meet(place.known[0], if_types),
                                                meet(place.known[1], if_types)))
            self.compare(o.value if o else True, o.at if o else old_at,
                         n.value if n else True, n.at if n else new_at, branch)

    def implies(self, given: View, side: str, raw: Any, at: Pointer) -> bool:
        """Return whether every value `given` accepts is accepted by a subschema of the other side.

        `side` is the document `given` comes from; `raw` is in the other one. The check is
        conservative: False whenever it cannot tell.
        """
        other = "new" if side == "old" else "old"
        wanted = self.view(other, raw, at)
        if given.never or (not wanted.constrains() and not wanted.never):
            return True
        if wanted.never:
            return False
        for key, entry in wanted.kw.items():
            if key in self.annotations or key.startswith("x-") or key in (
                    "$defs", "definitions", "$schema"):
                continue
            if key == "required":
                if not set(required_names(entry)) <= set(required_names(given.kw.get(key))):
                    return False
            elif key == "anyOf":
                if not any(self.implies(given, side, m, m_at) for m, m_at in members_of(entry)):
                    return False
            elif key in ("type", "enum", "const"):
                mine, theirs = self._declared_types(given), self._declared_types(wanted)
                values, allowed = enum_values(given), enum_values(wanted)
                if (theirs is not None and (mine is None or not all(
                        covered_by(t, theirs) for t in mine))) or (
                        allowed is not None and (values is None or not set(values) <= set(
                            allowed))) or (self._accepts_null(given)
                                           and not self._accepts_null(wanted)):
                    return False
            elif key == "properties":
                if not self._properties_imply(given, side, listed_properties(wanted)):
                    return False
            else:
                mine_entry = given.kw.get(key)
                if mine_entry is None or canonical(mine_entry.value) != canonical(entry.value):
                    return False
        return all(self.implies(given, side, e, e_at) for e, e_at in wanted.extras)

    def _properties_imply(self, given: View, side: str,
                          wanted: dict[str, tuple[Any, Pointer]]) -> bool:
        """Return whether each field `given` may hold is accepted by the wanted field schemas."""
        mine = listed_properties(given)
        for name, (sub, sub_at) in wanted.items():
            if name not in mine:
                if self._implied(given, name)[0] is False:
                    continue  # The field cannot appear in data `given` accepts.
                return False
            own, own_at = mine[name]
            trial = SchemaComparer(self.old, self.new, annotations=self.annotations,
                                   labels=self.labels)
            if side == "old":
                trial.compare(own, own_at, sub, sub_at, Place())
                if any(c.breaks == "producers" for c in trial.changes):
                    return False
            else:
                trial.compare(sub, sub_at, own, own_at, Place())
                if any(c.breaks == "consumers" for c in trial.changes):
                    return False
        return True

    # -- definitions and the rest ----------------------------------------------------------------

    def _definitions(self, old: View, new: View, place: Place) -> None:
        """Compare `$defs` and `definitions` by name: other schemas may refer to them."""
        for keyword in ("$defs", "definitions"):
            o, n = old.kw.get(keyword), new.kw.get(keyword)
            old_defs = o.value if o is not None and isinstance(o.value, dict) else {}
            new_defs = n.value if n is not None and isinstance(n.value, dict) else {}
            for name in [*new_defs, *(k for k in old_defs if k not in new_defs)]:
                if any(isinstance(d.get(name), dict) and BUNDLED_FROM in d[name]
                       for d in (old_defs, new_defs)):
                    continue  # Another standard's schema: what is used of it is compared there.
                defined = Place(context=place.context, path=f"#/{keyword}/{name}",
                                direction=place.direction)
                if name in old_defs and name in new_defs:
                    assert o is not None and n is not None
                    self.compare(old_defs[name], (*o.at, name), new_defs[name], (*n.at, name),
                                 defined)
                elif name in new_defs:
                    assert n is not None
                    self.emit("definition-added", (*n.at, name), "none",
                              "a new definition; nothing refers to it from the old version",
                              defined)
                else:
                    assert o is not None
                    self.emit("definition-removed", (*o.at, name), "tighter",
                              "the definition was removed: schemas elsewhere that refer to it "
                              "by pointer no longer resolve", defined)

    def _others(self, old: View, new: View, at: Pointer, place: Place) -> None:
        """Report annotations (breaking nobody) and keywords the engine does not know."""
        for key in [*new.kw, *(k for k in old.kw if k not in new.kw)]:
            if (key in HANDLED and key not in ("$schema", "x-codelist")) or key == BUNDLED_FROM:
                continue
            if key in ("$id", "id") and all(isinstance(e.value, str) for e in (
                    old.kw.get(key), new.kw.get(key)) if e is not None):
                continue  # A schema's name (with its version in it) is not its content.
            o, n = old.kw.get(key), new.kw.get(key)
            if o is not None and n is not None and canonical(o.value) == canonical(n.value):
                continue
            where = n.at if n is not None else o.at if o is not None else at
            verb = "added" if o is None else "removed" if n is None else "changed"
            if key == "$schema":
                self.emit("dialect-changed", where, "both",
                          f"the JSON Schema dialect changed from {quote(o and o.value)} to "
                          f"{quote(n and n.value)}: keywords may mean other things", place)
            elif key == "x-codelist":
                self.emit("codelist-reference-changed", where, "none",
                          f"the codelist named by x-codelist was {verb}; codes outside an open "
                          "codelist only give warnings, and a closed one is also an enum", place)
            elif key in self.annotations or key.startswith("x-"):
                self.emit("annotation-changed", where, "none", f"`{key}` was {verb}", place)
            else:
                self.emit("keyword-changed", where, "both",
                          f"`{key}` was {verb}; lgstandards does not know what this keyword "
                          "does, so the change cannot be proved compatible", place)


# -- helpers -------------------------------------------------------------------------------------


def _disjoint(comparer: SchemaComparer, one: tuple[Any, Pointer],
              other: tuple[Any, Pointer]) -> bool:
    """Return whether two `oneOf` branches provably share no value: by type or a fixed field."""
    a, b = comparer.view("new", one[0], one[1]), comparer.view("new", other[0], other[1])
    types_a = SchemaComparer._declared_types(a)
    types_b = SchemaComparer._declared_types(b)
    if (types_a is not None and types_b is not None and not (
            comparer._accepts_null(a) and comparer._accepts_null(b))
            and not any(covered_by(t, types_b) or covered_by(u, types_a)
                        for t in types_a for u in types_b)):
        return True
    props_a, props_b = listed_properties(a), listed_properties(b)
    required = set(required_names(a.kw.get("required"))) & set(required_names(b.kw.get("required")))
    for name in required & set(props_a) & set(props_b):
        values_a = enum_values(comparer.view("new", *props_a[name]))
        values_b = enum_values(comparer.view("new", *props_b[name]))
        if values_a is not None and values_b is not None and not set(values_a) & set(values_b):
            return True
    return False



def capped(effect: Effect, cap: tuple[bool, bool] | None) -> Effect:
    """Return a string keyword's effect as the pattern and lengths together have it."""
    if cap is None:
        return effect
    refuses, accepts = cap
    if effect == "tighter":
        return "tighter" if refuses else "none"
    if effect == "looser":
        return "looser" if accepts else "none"
    if effect == "both":
        return "both" if refuses and accepts else "tighter" if refuses else \
            "looser" if accepts else "none"
    return effect


def _cap_note(effect: Effect, cap: tuple[bool, bool] | None) -> str:
    """Return why a string keyword's change counts for less than it seems, if it does."""
    if capped(effect, cap) == effect:
        return ""
    return ("; with the pattern and lengths together, no string changes verdict" if capped(
        effect, cap) == "none" else "; with the pattern and lengths together, only this part "
        "changes verdicts")



def _allows(types: frozenset[str] | None, family: str) -> bool:
    """Return whether values of some types (None: any) can be of one type family."""
    if types is None:
        return True
    if family == "number":
        return bool(types & {"number", "integer"})
    return family in types


def _reached(effect: Effect, reach: tuple[bool, bool]) -> Effect:
    """Return an effect as it can happen where only some data can be (see `Place.reach`)."""
    refuses = effect in ("tighter", "both") and reach[0]
    accepts = effect in ("looser", "both") and reach[1]
    if effect == "none":
        return effect
    return "both" if refuses and accepts else "tighter" if refuses else \
        "looser" if accepts else "none"


__all__ = ["ANNOTATIONS", "BUNDLED_FROM", "HANDLED", "Place", "Pointer", "SchemaComparer",
           "canonical", "is_anchor", "kebab", "type_of"]
