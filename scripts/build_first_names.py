"""Build checker/data/first_names.txt, the first-name lexicon used to recognise person names.

The names come from the person providers of Faker (MIT licence, maintained), which
collect common given names per locale. Cyrillic names are romanised twice, German and
English style, with the tables in checker/data/people_translit.yaml, because news in
either language writes them that way. Run: .venv/bin/python scripts/build_first_names.py
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import faker
import yaml

DATA = Path(__file__).resolve().parent.parent / "checker" / "data"
LATIN = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'-]+$")
# Locales whose news-relevant names are written in Latin script, plus the Cyrillic ones we romanise.
LATIN_LOCALES = [
    "de_DE", "de_AT", "de_CH", "en_US", "en_GB", "en_IE", "en_IN", "en_NG", "en_KE", "fr_FR", "it_IT",
    "es_ES", "es_MX", "pt_BR", "pt_PT", "nl_NL", "pl_PL", "cs_CZ", "sk_SK", "hu_HU", "ro_RO", "hr_HR",
    "sl_SI", "sv_SE", "no_NO", "da_DK", "fi_FI", "tr_TR", "lt_LT", "lv_LV", "et_EE", "id_ID", "vi_VN",
    "az_AZ", "uz_UZ", "sw", "ga_IE", "is_IS", "fr_CA", "es_AR", "tw_GH", "yo_NG", "ha_NG", "ig_NG",
]
CYRILLIC_LOCALES = ["ru_RU", "uk_UA", "bg_BG"]


def names_of(locale: str) -> list[str]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    found: list[str] = []
    for attr in ("first_names", "first_names_male", "first_names_female"):
        value = getattr(provider, attr, None)
        if value:
            found.extend(value.keys() if isinstance(value, dict) else value)
    return found


def romanise(name: str, table: dict[str, str], lang: str) -> str:
    low = name.lower()
    # Duden writes -ий as -i, English press as -y; plain letter tables cannot express that.
    low = re.sub("ий$", "i" if lang == "de" else "y", low)
    low = re.sub("ый$", "y", low)
    return "".join(table.get(ch, ch) for ch in low).capitalize()


def main() -> None:
    translit = yaml.safe_load((DATA / "people_translit.yaml").read_text(encoding="utf-8"))
    names: set[str] = set()
    for locale in LATIN_LOCALES:
        names.update(n for n in names_of(locale) if LATIN.match(n))
    for locale in CYRILLIC_LOCALES:
        for n in names_of(locale):
            for lang in ("de", "en"):
                roman = romanise(n, translit["cyrillic"][lang], lang)
                if LATIN.match(roman):
                    names.add(roman)
    for canonical, variants in translit["given_names"].items():
        names.update(v.capitalize() for v in [canonical, *variants])
    header = (
        f"# provenance: Faker {faker.VERSION} (MIT) person providers, locales "
        f"{', '.join(LATIN_LOCALES + CYRILLIC_LOCALES)}; Cyrillic names romanised German and English style "
        "with checker/data/people_translit.yaml; built by scripts/build_first_names.py\n"
    )
    out = DATA / "first_names.txt"
    out.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {out}")


if __name__ == "__main__":
    main()
