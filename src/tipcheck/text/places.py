"""Which countries a text names, so that a claim about one country is never read as
backing or contradicting a draft about another.

A claim may carry a `place` (a country's name as listed here). A draft is checked
against the claims with no place and those of the places it names anywhere in its text.
A figure for Moldova in a draft that never says "Moldova" stays unsourced: safer than a
match with the wrong country's number. The registry bundled with tipcheck has no
places, so every draft sees all of it.
"""

from __future__ import annotations

_NAMES = """Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|
Aruba|Australia|Austria|Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|
Benin|Bhutan|Bolivia|Bosnia and Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burma|
Burundi|Cabo Verde|Cambodia|Cameroon|Canada|Central African Republic|Chad|Chile|China|Colombia|
Comoros|Costa Rica|Cote d'Ivoire|Croatia|Cuba|Curacao|Cyprus|Czech Republic|
Democratic Republic of the Congo|Denmark|Djibouti|Dominica|Dominican Republic|Ecuador|Egypt|
El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|
Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|
Honduras|Hong Kong|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Jamaica|Japan|
Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|
Libya|Liechtenstein|Lithuania|Luxembourg|Macau|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|
Marshall Islands|Mauritania|Mauritius|Mexico|Micronesia|Moldova|Mongolia|Montenegro|Morocco|
Mozambique|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|
North Macedonia|Norway|Oman|Pakistan|Palau|Panama|Papua New Guinea|Paraguay|Peru|Philippines|
Poland|Portugal|Qatar|Republic of the Congo|Romania|Russia|Rwanda|Saint Kitts and Nevis|
Saint Lucia|Saint Vincent and the Grenadines|Samoa|San Marino|Sao Tome and Principe|Saudi Arabia|
Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Sint Maarten|Slovakia|Slovenia|Solomon Islands|
Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|
Syria|Taiwan|Tajikistan|Tanzania|Thailand|Timor-Leste|Togo|Tonga|Trinidad and Tobago|Tunisia|
Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|United States|
Uruguay|Uzbekistan|Vanuatu|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe"""

COUNTRIES: tuple[str, ...] = tuple(n.strip() for n in _NAMES.replace("\n", "").split("|"))

# Other ways drafts name them: long forms, older names, local spellings.
ALIASES: dict[str, str] = {
    "Republic of Azerbaijan": "Azerbaijan", "Côte d'Ivoire": "Cote d'Ivoire", "Ivory Coast": "Cote d'Ivoire",
    "Czechia": "Czech Republic", "DRC": "Democratic Republic of the Congo", "Swaziland": "Eswatini",
    "Myanmar": "Burma", "Macedonia": "North Macedonia", "Türkiye": "Turkey", "Turkiye": "Turkey",
    "Russian Federation": "Russia", "Republic of Korea": "South Korea", "UAE": "United Arab Emirates",
    "UK": "United Kingdom", "Britain": "United Kingdom", "Great Britain": "United Kingdom",
    "United States of America": "United States", "USA": "United States", "U.S.": "United States",
    "Viet Nam": "Vietnam", "Curaçao": "Curacao", "São Tomé and Príncipe": "Sao Tome and Principe",
    "Cape Verde": "Cabo Verde", "East Timor": "Timor-Leste", "Lao PDR": "Laos",
}  # fmt: skip

_CANONICAL = {name: name for name in COUNTRIES} | ALIASES


def canonical(name: str) -> str | None:
    """The listed name of a country, or None for a name not in the list."""
    return _CANONICAL.get(name.strip())


def named_in(text: str) -> frozenset[str]:
    """The countries a text names, as whole words and with the case written ('Oman', not
    'woman'); inside a longer name only the longer one counts ('South Sudan', 'Papua New
    Guinea')."""
    found: set[str] = set()
    taken: list[tuple[int, int]] = []
    for name in _LONGEST_FIRST:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            whole_word = not before.isalnum() and not after.isalnum()
            if whole_word and not any(a <= start and end <= b for a, b in taken):
                found.add(_CANONICAL[name])
                taken.append((start, end))
            start = text.find(name, end)
    return frozenset(found)


_LONGEST_FIRST = sorted(_CANONICAL, key=len, reverse=True)
