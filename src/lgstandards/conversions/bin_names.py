"""What a council's name for a bin or a collection says: its waste streams, container and colours.

Councils name bins by their waste ("Garden waste"), by their colour ("Purple Bin"), by both
("Food waste (Green bin)") and by several things at once ("Glass, plastics, cans and cartons",
"Recycling and food waste", "Food waste, black bin, green box, card sack"). The words that name
waste decide the streams; a colour never does, because a green bin is garden waste in one council,
recycling in the next and rubbish in a third. Only a council's own mapping (`CouncilMapping`) may
say what its colours mean. `read_name` returns every stream the name names, main stream first,
and what it could not tell; `schedule_stream` folds them into the one stream
`waste-property-schedule` 1.x holds per service.

Streams are the codes of the shared waste-stream codelist (waste-common), which names the Simpler
Recycling materials apart: paper, card, glass, metals, plastics, plastic film, cartons.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = [
    "COLOURS",
    "CONTAINER_KEYWORDS",
    "STREAMS",
    "BinName",
    "Container",
    "CouncilMeaning",
    "MeaningLookup",
    "container_of",
    "read_name",
    "schedule_stream",
    "words",
]

#: The stream codes a name can be read as (waste-common's waste-stream codelist).
STREAMS = frozenset({
    "residual", "mixed_recycling", "paper_card", "paper", "card", "glass", "metals", "plastics",
    "plastic_film", "cartons", "food", "garden", "textiles", "batteries", "small_weee", "bulky",
    "reuse", "christmas_trees", "clinical", "hygiene", "trade", "other",
})

#: Dry recyclables, which one service may collect together.
_DRY = frozenset({
    "mixed_recycling", "paper_card", "paper", "card", "glass", "metals", "plastics",
    "plastic_film", "cartons",
})
#: Streams a household's main collections are built around; the rest ride along with them.
_MAJOR = _DRY | {"residual", "food", "garden"}

#: How sure a word is of its stream. A name's weak words count only when nothing surer is said:
#: "Household" alone is rubbish, "Household batteries" is batteries.
STRONG, GENERIC, WEAK, WEAKEST = 3, 2, 1, 0

#: Phrases and words that name waste, tried longest first at each word of a name. Words are
#: lower case and singular (see `words`); 'green waste' is garden waste, but only as those two
#: words together ('Household waste bin (green)' is rubbish).
_TERMS: tuple[tuple[tuple[str, ...], str, int], ...] = (
    (("non", "recyclable"), "residual", STRONG),
    (("non", "recycling"), "residual", STRONG),
    (("green", "waste"), "garden", STRONG),
    (("general", "waste"), "residual", STRONG),
    (("general", "rubbish"), "residual", STRONG),
    (("household", "waste"), "residual", STRONG),
    (("household", "rubbish"), "residual", STRONG),
    (("domestic", "waste"), "residual", STRONG),
    (("domestic", "refuse"), "residual", STRONG),
    (("black", "sack"), "residual", STRONG),
    (("black", "bag"), "residual", STRONG),
    (("plastic", "film"), "plastic_film", STRONG),
    (("plastic", "bag"), "plastic_film", STRONG),
    (("small", "electrical"), "small_weee", STRONG),
    (("special", "collection"), "bulky", STRONG),
    (("large", "item"), "bulky", STRONG),
    (("christmas", "tree"), "christmas_trees", STRONG),
    (("re", "use"), "reuse", STRONG),
    (("tetra", "pak"), "cartons", STRONG),
    (("rubbish",), "residual", STRONG),
    (("refuse",), "residual", STRONG),
    (("residual",), "residual", STRONG),
    (("landfill",), "residual", STRONG),
    (("garden",), "garden", STRONG),
    (("grass",), "garden", STRONG),
    (("food",), "food", STRONG),
    (("kitchen",), "food", STRONG),
    (("caddy",), "food", STRONG),
    (("caddie",), "food", STRONG),
    (("paper",), "paper", STRONG),
    (("newspaper",), "paper", STRONG),
    (("magazine",), "paper", STRONG),
    (("pulpable",), "paper_card", STRONG),
    (("card",), "card", STRONG),
    (("cardboard",), "card", STRONG),
    (("glass",), "glass", STRONG),
    (("jar",), "glass", STRONG),
    (("can",), "metals", STRONG),
    (("tin",), "metals", STRONG),
    (("metal",), "metals", STRONG),
    (("aluminium",), "metals", STRONG),
    (("foil",), "metals", STRONG),
    (("aerosol",), "metals", STRONG),
    (("plastic",), "plastics", STRONG),
    (("carton",), "cartons", STRONG),
    (("textile",), "textiles", STRONG),
    (("clothes",), "textiles", STRONG),
    (("clothing",), "textiles", STRONG),
    (("shoe",), "textiles", STRONG),
    (("battery",), "batteries", STRONG),
    (("electrical",), "small_weee", STRONG),
    (("electronic",), "small_weee", STRONG),
    (("weee",), "small_weee", STRONG),
    (("clinical",), "clinical", STRONG),
    (("sharp",), "clinical", STRONG),
    (("nappy",), "hygiene", STRONG),
    (("hygiene",), "hygiene", STRONG),
    (("absorbent",), "hygiene", STRONG),
    (("incontinence",), "hygiene", STRONG),
    (("bulky",), "bulky", STRONG),
    (("furniture",), "bulky", STRONG),
    (("reuse",), "reuse", STRONG),
    (("trade",), "trade", STRONG),
    (("commercial",), "trade", STRONG),
    (("recycling",), "mixed_recycling", GENERIC),
    (("recyclable",), "mixed_recycling", GENERIC),
    (("recycle",), "mixed_recycling", GENERIC),
    (("dmr",), "mixed_recycling", GENERIC),
    (("commingled",), "mixed_recycling", GENERIC),
    (("general",), "residual", WEAK),
    (("household",), "residual", WEAK),
    (("domestic",), "residual", WEAK),
    (("regular",), "residual", WEAK),
    (("waste",), "residual", WEAKEST),
)

#: Words naming both garden and food waste ('Organic' is the compost bin).
_BOTH_ORGANIC = frozenset({"organic", "compost", "compostable"})

#: Words that join two collections in one name ('Recycling and food waste').
_JOINS = frozenset({"and", "with", "plus"})

#: Words that say the date is a replacement for another (a bank holiday moved it).
_MOVED = (("bank", "holiday"), ("replacement",), ("rescheduled",))

#: Colours residents describe containers by.
COLOURS = frozenset({
    "black", "blue", "brown", "green", "grey", "gray", "purple", "red", "white", "yellow",
    "orange", "pink", "burgundy", "maroon", "silver", "beige", "clear",
})

#: Kinds of container by the words of a name, tried in order. A food 'bin' is a kerbside caddy;
#: a size alone ('180L') is a wheeled bin from 100 litres, and a communal bin from 660.
CONTAINER_KEYWORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("kitchen", "caddy"), "kitchen_caddy"),
    (("caddy",), "caddy"),
    (("caddie",), "caddy"),
    (("communal",), "communal_bin"),
    (("eurobin",), "communal_bin"),
    (("reusable",), "reusable_sack"),
    (("hessian",), "reusable_sack"),
    (("sack",), "sack"),
    (("bag",), "sack"),
    (("box",), "box"),
    (("wheelie",), "wheeled_bin"),
    (("wheeled",), "wheeled_bin"),
    (("bin",), "wheeled_bin"),
)

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD = re.compile(r"[a-z0-9]+")
_LITRES = re.compile(r"\b(\d{2,4})\s*(?:l|lt|ltr|litre|litres|liter|liters)\b")
#: Singulars that the suffix rules below would get wrong.
_IRREGULAR: Mapping[str, str] = {
    "glass": "glass", "grass": "grass", "clothes": "clothes", "boxes": "box", "caddies": "caddy",
    "batteries": "battery", "nappies": "nappy", "electricals": "electrical", "bus": "bus",
}


def _singular(word: str) -> str:
    """Return a word without its plural ending ('cans' is 'can', 'batteries' is 'battery')."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Return a name's words: CamelCase split, lower case, singular ('RefuseBins' is refuse bin)."""
    spaced = _CAMEL.sub(" ", text).replace("&", " and ").replace("+", " plus ")
    return [_singular(w) for w in _WORD.findall(spaced.lower())]


def _items(name: str) -> tuple[list[str], bool]:
    """Split a name at commas and slashes outside brackets; say whether a comma listed things.

    'Glass/cans/plastics' and 'Food waste, black bin, green box' list several things; a slash
    between colours ('Black/Green', 'Black / Grey Bin') gives one container's colours instead.
    """
    items: list[str] = []
    depth, start, comma = 0, 0, False
    for position, char in enumerate(name):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in ",/" and depth == 0:
            items.append(name[start:position])
            start = position + 1
            comma = comma or char == ","
    items.append(name[start:])
    return [item for item in (i.strip(" -") for i in items) if item], comma


@dataclass(frozen=True)
class CouncilMeaning:
    """What one council's colour or bin name means, and where that is known from."""

    streams: tuple[str, ...]
    evidence: str


class MeaningLookup(Protocol):
    """A council's meanings for its colours and whole bin names (`council_mappings`)."""

    def for_name(self, name: str) -> CouncilMeaning | None:
        """Return the meaning of a whole bin name, or None."""
        ...

    def for_colour(self, colour: str) -> CouncilMeaning | None:
        """Return the meaning of a colour in this council, or None."""
        ...


class _NoMeanings:
    """The lookup for a council nobody has described: it knows no colour and no name."""

    def for_name(self, name: str) -> CouncilMeaning | None:
        """Return None: no name is known."""
        return None

    def for_colour(self, colour: str) -> CouncilMeaning | None:
        """Return None: no colour is known."""
        return None


@dataclass(frozen=True)
class BinName:
    """What a name says: its streams (main first), and what it could not tell."""

    #: Every stream the name names, the main one first; empty when it names none.
    streams: tuple[str, ...]
    #: Parts of a listing name that give only a colour the council mapping does not explain,
    #: such as 'black bin' in 'Food waste, black bin, green box, card sack'.
    unexplained: tuple[str, ...] = ()
    #: The council meanings used, as (what was looked up, meaning).
    council_meanings: tuple[tuple[str, CouncilMeaning], ...] = ()
    #: Whether the name names no waste: only colours, or nothing about waste at all.
    colour_only: bool = False
    #: The colours the name gives, in order ('grey' for 'gray').
    colours: tuple[str, ...] = ()
    #: Whether the name says the collection replaces another (a bank holiday moved it).
    moved: bool = False


def read_name(name: str, council: MeaningLookup | None = None) -> BinName:
    """Read a bin or collection name: its streams by their words, colours only by the council's."""
    lookup = council or _NoMeanings()
    meant = lookup.for_name(name)
    moved = _says_moved(words(name))
    colours = tuple(_colours(name))
    if meant is not None:
        return BinName(meant.streams, council_meanings=((name, meant),), moved=moved,
                       colours=colours)
    found: list[str] = []
    unexplained: list[str] = []
    used: list[tuple[str, CouncilMeaning]] = []
    items, listed = _items(name)
    for item in items:
        streams = _item_streams(words(item))
        if not streams and listed and _colours(item):
            meaning = _colour_meaning(item, lookup)
            if meaning is None:
                unexplained.append(item)
            else:
                used.append((item, meaning))
                streams = list(meaning.streams)
        found.extend(s for s in streams if s not in found)
    if found:
        return BinName(_main_first(_paper_and_card(found)), tuple(unexplained), tuple(used),
                       moved=moved, colours=colours)
    meaning = _colour_meaning(name, lookup)
    if meaning is not None:
        return BinName(meaning.streams, (), ((name, meaning),), colour_only=True, moved=moved,
                       colours=colours)
    return BinName((), colour_only=True, moved=moved, colours=colours)


def _paper_and_card(streams: Sequence[str]) -> list[str]:
    """Return streams with paper and card, named together, as the one stream paper_card."""
    if "paper" in streams and "card" in streams:
        return [s for s in ("paper_card" if s == "paper" else s for s in streams) if s != "card"]
    return list(streams)


def _says_moved(tokens: Sequence[str]) -> bool:
    """Return whether the words say the date replaces another one."""
    return any(
        tuple(tokens[i:i + len(phrase)]) == phrase
        for phrase in _MOVED for i in range(len(tokens))
    )


def _item_streams(tokens: Sequence[str]) -> list[str]:
    """Return the streams one listed item names, in the order it names them."""
    hits: list[tuple[int, str, int]] = []
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token in _BOTH_ORGANIC:
            hits += [(position, "garden", STRONG), (position, "food", STRONG)]
            position += 1
            continue
        for phrase, stream, strength in _TERMS:
            if tuple(tokens[position:position + len(phrase)]) == phrase:
                if strength == GENERIC and _joined(tokens, position, len(phrase)):
                    # 'Recycling and food waste' is two collections, not food recycling.
                    strength = STRONG
                hits.append((position, stream, strength))
                position += len(phrase)
                break
        else:
            position += 1
    if not hits:
        return []
    best = max(strength for _, _, strength in hits)
    if best == STRONG:
        kept = [stream for _, stream, strength in hits if strength == STRONG]
    elif best == GENERIC:
        kept = ["mixed_recycling"]
    else:
        kept = [stream for _, stream, strength in hits if strength == best]
    if "bottle" in tokens and not {"glass", "plastics"} & set(kept):
        # Bottles without 'glass' or 'plastic' are both ('Cans and bottles bin').
        kept += ["glass", "plastics"]
    return list(dict.fromkeys(_paper_and_card(kept)))


def _joined(tokens: Sequence[str], position: int, length: int) -> bool:
    """Return whether a word is joined to another collection by 'and', 'with' or 'plus'."""
    after = tokens[position + length] if position + length < len(tokens) else ""
    before = tokens[position - 1] if position > 0 else ""
    return after in _JOINS or before in _JOINS


def _colours(text: str) -> list[str]:
    """Return the colour words of a text, in order, gray written grey."""
    return ["grey" if w == "gray" else w for w in words(text) if w in COLOURS]


def _colour_meaning(text: str, lookup: MeaningLookup) -> CouncilMeaning | None:
    """Return what the council says its colours in the text mean, if they agree."""
    meanings = [m for m in (lookup.for_colour(c) for c in _colours(text)) if m is not None]
    if not meanings or any(m.streams != meanings[0].streams for m in meanings):
        return None
    return meanings[0]


def _main_first(streams: Sequence[str]) -> tuple[str, ...]:
    """Put the first major stream first: 'Batteries and rubbish' is mainly a rubbish round."""
    major = next((s for s in streams if s in _MAJOR), None)
    if major is None:
        return tuple(streams)
    return (major, *(s for s in streams if s != major))


def schedule_stream(streams: Sequence[str]) -> str:
    """Return the one stream waste-property-schedule 1.x holds for a service of these streams.

    The main stream decides: dry recyclables fold into paper_card, glass, plastics_cans or
    mixed_recycling; food with garden is food_garden; several minor streams, or one 1.x has no
    code for (trade, reuse, Christmas trees), are 'other', whose name says what it is.
    """
    if not streams:
        return "other"
    main = streams[0]
    if main in _DRY:
        groups = {_DRY_GROUP[s] for s in streams if s in _DRY}
        return groups.pop() if len(groups) == 1 else "mixed_recycling"
    if main in ("food", "garden"):
        return "food_garden" if {"food", "garden"} <= set(streams) else main
    if main == "residual":
        return "residual"
    if len(streams) > 1:
        return "other"
    return main if main in _SCHEDULE_1 else "other"


#: Each dry stream's 1.x stream when it is collected without other dry groups.
_DRY_GROUP: Mapping[str, str] = {
    "mixed_recycling": "mixed_recycling", "paper_card": "paper_card", "paper": "paper_card",
    "card": "paper_card", "glass": "glass", "metals": "plastics_cans",
    "plastics": "plastics_cans", "plastic_film": "plastics_cans", "cartons": "plastics_cans",
}

#: The minor streams waste-property-schedule 1.x has a code of the same name for.
_SCHEDULE_1 = frozenset({"textiles", "batteries", "small_weee", "bulky", "clinical", "hygiene"})


@dataclass(frozen=True)
class Container:
    """What a name says of the container: its kind, colour, lid colour and size."""

    kind: str | None = None
    colour: str | None = None
    lid_colour: str | None = None
    capacity_litres: int | None = None


def container_of(name: str, main_stream: str | None) -> Container:
    """Return the container a name describes, if it names one; a food 'bin' is a caddy."""
    tokens = words(name)
    present = set(tokens)
    kind = next((k for keys, k in CONTAINER_KEYWORDS if present.issuperset(keys)), None)
    litres = _LITRES.search(name.lower())
    capacity = int(litres.group(1)) if litres else None
    if kind == "wheeled_bin" and main_stream == "food":
        kind = "caddy"  # A council's 'food waste bin' is the kerbside caddy.
    if kind in ("wheeled_bin", None) and capacity is not None:
        # '180L General Waste' names a bin by its size alone.
        if capacity >= 660:
            kind = "communal_bin"
        elif capacity >= 100:
            kind = "wheeled_bin"
    colour = lid = None
    for position, word in enumerate(tokens):
        if word in COLOURS and word != "clear":
            shade = "grey" if word == "gray" else word
            following = tokens[position + 1] if position + 1 < len(tokens) else ""
            if following in ("lid", "lidded") and lid is None:
                lid = shade
            elif colour is None:
                colour = shade
    return Container(kind, colour, lid, capacity)
