"""The values a generated record varies: UK identifiers, addresses and references of real shape."""

from __future__ import annotations

import math
import random

__all__ = [
    "POSTCODE_INWARD_LETTERS",
    "STREET_NAMES",
    "STREET_TYPES",
    "Serials",
    "inward_code",
    "person",
    "street",
]

#: The letters Royal Mail uses at the end of an inward code (never C, I, K, M, O or V).
POSTCODE_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

#: The first words of English, Welsh and Scottish street names, as the commonest are.
STREET_NAMES = (
    "Station", "Church", "Victoria", "Park", "Mill", "High", "Queens", "Kings", "Manor", "Grange",
    "Chapel", "Orchard", "Meadow", "Willow", "Oak", "Beech", "Elm", "Ash", "Hawthorn", "Rowan",
    "Cedar", "Ferndale", "Springfield", "Windsor", "Albert", "Alexandra", "York", "Clarence",
    "Nelson", "Wellington", "Highfield", "Brook", "School", "Green", "Hill", "Moor", "Bridge",
    "Castle", "Cromwell", "Fairfield", "Glebe", "Heather", "Kingsway", "Larch", "Maple",
    "Newton", "Priory", "Rectory", "St Mary's", "Tudor", "Valley", "Westfield", "Woodland",
)

#: The words that end them.
STREET_TYPES = (
    "Road", "Street", "Lane", "Avenue", "Close", "Crescent", "Drive", "Way", "Gardens", "Grove",
    "Terrace", "Place", "Court", "Walk", "Rise", "View",
)


#: Given names and family names common in the UK, for residents' contact details.
GIVEN_NAMES = (
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Freya", "Aisha", "Fatima", "Zara",
    "Chloe", "Emily", "Megan", "Siobhan", "Priya", "Oliver", "George", "Harry", "Noah", "Jack",
    "Mohammed", "Arjun", "Rhys", "Dylan", "Callum", "Kwame", "Tomasz", "Liam", "James", "Daniel",
)
FAMILY_NAMES = (
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
    "Roberts", "Johnson", "Lewis", "Walker", "Robinson", "Wood", "Thompson", "White", "Khan",
    "Ahmed", "Patel", "Singh", "Hughes", "Edwards", "Green", "Hall", "Wright", "Campbell",
    "Murphy", "Okafor", "Nowak", "Kaur", "Clarke", "Morgan", "Kelly", "Begum", "Ali",
)


def person(rng: random.Random) -> tuple[str, str]:
    """Return a resident's given and family name."""
    return rng.choice(GIVEN_NAMES), rng.choice(FAMILY_NAMES)


def street(rng: random.Random) -> str:
    """Return a street name of the commonest British shape, such as 'Station Road'."""
    return f"{rng.choice(STREET_NAMES)} {rng.choice(STREET_TYPES)}"


def inward_code(rng: random.Random) -> str:
    """Return a postcode's inward code: a digit and two of the letters Royal Mail uses there."""
    letters = POSTCODE_INWARD_LETTERS
    return f"{rng.randrange(10)}{rng.choice(letters)}{rng.choice(letters)}"


class Serials:
    """Distinct numbers of a fixed width for distinct indexes, in an order that looks random.

    An affine map modulo the count of numbers of that width is a permutation when its multiplier
    shares no factor with the modulus, so index i and j never meet: unique without remembering
    any number handed out, which keeps a million records in flat memory.
    """

    __slots__ = ("_low", "_modulus", "_multiplier", "_shift", "width")

    def __init__(self, width: int, count: int, rng: random.Random, *, leading_zero: bool) -> None:
        """Choose the width (widened until `count` numbers fit) and the permutation."""
        while True:
            low = 0 if leading_zero else 10 ** (width - 1)
            modulus = 10**width - low
            if modulus >= count:
                break
            width += 1
        self.width = width
        self._low = low
        self._modulus = modulus
        multiplier = rng.randrange(modulus // 3 + 1, modulus) if modulus > 3 else 1
        while math.gcd(multiplier, modulus) != 1:
            multiplier += 1
        self._multiplier = multiplier
        self._shift = rng.randrange(modulus)

    def __call__(self, index: int) -> str:
        """Return the number for an index below the count, written with the width's digits."""
        value = self._low + (index * self._multiplier + self._shift) % self._modulus
        return str(value).zfill(self.width)
