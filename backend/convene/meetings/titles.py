"""Session titles derived in each official language, as UN documents write them.

English: "First resumed eleventh session of the Implementation Review Group";
French: "Première reprise de la onzième session du Groupe d'examen de l'application";
Spanish: "Primera continuación del 11º período de sesiones del Grupo de Examen de la
Aplicación"; Russian: "Первая возобновленная одиннадцатая сессия Группы по обзору хода
осуществления"; Arabic: "الدورة الحادية عشرة المستأنفة الأولى لفريق استعراض التنفيذ";
Chinese: "实施情况审议组第十一届会议第一次续会".

A joint session names each body with its own numbering, joined by the
language's "and". Only the first letter of the whole title is a capital.
Each language has its own rule for the ordinals (their gender, Spanish
figures from 11 on) and for how the body's name follows ("du"/"de la",
the Russian genitive, the Arabic "لـ"). Where no rule is known (a number
beyond the Arabic table), the title is left to the secretariat's correction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from num2words import num2words

from convene.meetings.vocabulary import SessionKind
from convene.translation import ENGLISH


@dataclass(frozen=True)
class PartTitle:
    """What one body contributes to a title: its name (in the title's language), its numbering."""

    body_name: str
    kind: SessionKind
    number: int | None = None
    resumption: int | None = None


def ordinal(number: int) -> str:
    """``21`` → ``"twenty-first"``, as UN documents spell session numbers."""
    return num2words(number, to="ordinal")


# English ------------------------------------------------------------------------------

_ENGLISH_NOUNS = {
    SessionKind.REGULAR: "session",
    SessionKind.RESUMED: "session",
    SessionKind.SPECIAL: "special session",
    SessionKind.INTERSESSIONAL: "intersessional meeting",
}


def _english(part: PartTitle) -> str:
    numbered = f"{ordinal(part.number)} " if part.number else ""
    resumed = (
        f"{ordinal(part.resumption or 1)} resumed " if part.kind is SessionKind.RESUMED else ""
    )
    return f"{resumed}{numbered}{_ENGLISH_NOUNS[part.kind]} of the {part.body_name}"


# French -------------------------------------------------------------------------------

_FRENCH_FEMININE_HEADS = ("conférence", "réunion", "commission", "assemblée", "session")


def _french_ordinal(number: int, feminine: bool) -> str:
    word = num2words(number, to="ordinal", lang="fr")
    return "première" if feminine and word == "premier" else word


def _french_of(name: str) -> str:
    """ "du Groupe …", "de la Conférence …", "de l'Assemblée …"."""
    if name[:1].lower() in "aeéèêiîoôuy":
        return f"de l'{name}"
    head = name.split(" ")[0].lower()
    return f"de la {name}" if head in _FRENCH_FEMININE_HEADS else f"du {name}"


def _french(part: PartTitle) -> str:
    of_body = _french_of(part.body_name)
    if part.kind is SessionKind.INTERSESSIONAL:
        number = f"{_french_ordinal(part.number, True)} " if part.number else ""
        return f"{number}réunion intersessions {of_body}"
    number = f"{_french_ordinal(part.number, True)} " if part.number else ""
    special = " extraordinaire" if part.kind is SessionKind.SPECIAL else ""
    session = f"{number}session{special} {of_body}"
    if part.kind is not SessionKind.RESUMED:
        return session
    again = part.resumption or 1
    resumed = f"{_french_ordinal(again, True)} reprise"
    return f"{resumed} de la {session}"


# Spanish ------------------------------------------------------------------------------

_SPANISH_FEMININE_HEADS = ("conferencia", "reunión", "comisión", "asamblea")


def _spanish_ordinal(number: int, feminine: bool) -> str:
    """Words up to "décimo", then figures ("11º período de sesiones"), as UN Spanish writes them."""
    if number > 10:
        return f"{number}{'ª' if feminine else 'º'}"
    word = num2words(number, to="ordinal", lang="es")
    if feminine:
        return word[:-1] + "a"
    return {"primero": "primer", "tercero": "tercer"}.get(word, word)


def _spanish_of(name: str) -> str:
    head = name.split(" ")[0].lower()
    return f"de la {name}" if head in _SPANISH_FEMININE_HEADS else f"del {name}"


def _spanish(part: PartTitle) -> str:
    of_body = _spanish_of(part.body_name)
    number = (
        f"{_spanish_ordinal(part.number, part.kind is SessionKind.INTERSESSIONAL)} "
        if part.number
        else ""
    )
    if part.kind is SessionKind.INTERSESSIONAL:
        return f"{number}reunión entre períodos de sesiones {of_body}"
    special = (
        "período extraordinario de sesiones"
        if part.kind is SessionKind.SPECIAL
        else "período de sesiones"
    )
    session = f"{number}{special} {of_body}"
    if part.kind is not SessionKind.RESUMED:
        return session
    again = part.resumption or 1
    resumed = f"{_spanish_ordinal(again, True)} continuación"
    return f"{resumed} del {session}"


# Russian ------------------------------------------------------------------------------

_RUSSIAN_ADJECTIVE_ENDINGS = {
    "ая": "ой",
    "яя": "ей",
    "ое": "ого",
    "ее": "его",
    "ый": "ого",
    "ий": "его",
    "ой": "ого",
}
_RUSSIAN_NOUN_ENDINGS = {"ия": "ии", "ие": "ия", "ье": "ья", "а": "ы", "я": "и", "о": "а", "е": "я"}


def _russian_genitive(name: str) -> str:
    """The name after "сессия": its leading adjectives and first noun in the genitive.

    "Межправительственная рабочая группа открытого состава" → "Межправительственной
    рабочей группы открытого состава"; the words after the first noun are already
    in the case the name needs.
    """
    words = name.split(" ")
    for index, word in enumerate(words):
        ending = next((e for e in _RUSSIAN_ADJECTIVE_ENDINGS if word.endswith(e)), None)
        if ending and index + 1 < len(words):
            stem = word[: -len(ending)]
            genitive = _RUSSIAN_ADJECTIVE_ENDINGS[ending]
            if stem[-1:] in "жшчщц":  # "рабочая" → "рабочей", not "рабочой"
                genitive = genitive.replace("о", "е", 1)
            words[index] = stem + genitive
            continue
        words[index] = _russian_noun_genitive(word)
        break
    return " ".join(words)


def _russian_noun_genitive(word: str) -> str:
    for ending, genitive in _RUSSIAN_NOUN_ENDINGS.items():
        if word.endswith(ending):
            if ending == "а" and word[-2:-1] in "гкхжшщч":
                genitive = "и"
            return word[: -len(ending)] + genitive
    if word[-1:] in "бвгджзклмнпрстфхцчшщ":
        return word + "а"  # "Комитет" → "Комитета"
    return word


def _russian_ordinal(number: int, gender: str) -> str:
    return num2words(number, to="ordinal", lang="ru", gender=gender)


def _russian(part: PartTitle) -> str:
    of_body = _russian_genitive(part.body_name)
    if part.kind is SessionKind.INTERSESSIONAL:
        number = f"{_russian_ordinal(part.number, 'n')} " if part.number else ""
        return f"{number}межсессионное совещание {of_body}"
    number = f"{_russian_ordinal(part.number, 'f')} " if part.number else ""
    special = "специальная " if part.kind is SessionKind.SPECIAL else ""
    if part.kind is not SessionKind.RESUMED:
        return f"{number}{special}сессия {of_body}"
    again = part.resumption or 1
    resumed = f"{_russian_ordinal(again, 'f')} возобновленная"
    return f"{resumed} {number}сессия {of_body}"


# Arabic -------------------------------------------------------------------------------

_ARABIC_UNITS_FEMININE = (
    "الأولى",
    "الثانية",
    "الثالثة",
    "الرابعة",
    "الخامسة",
    "السادسة",
    "السابعة",
    "الثامنة",
    "التاسعة",
    "العاشرة",
)
_ARABIC_UNITS_MASCULINE = (
    "الأول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
    "العاشر",
)
_ARABIC_TENS = (
    "العشرون",
    "الثلاثون",
    "الأربعون",
    "الخمسون",
    "الستون",
    "السبعون",
    "الثمانون",
    "التسعون",
)


def _arabic_ordinal(number: int, feminine: bool) -> str | None:
    """ "الحادية عشرة" (11th, feminine), "الحادي والعشرون" (21st); None beyond 99."""
    units = _ARABIC_UNITS_FEMININE if feminine else _ARABIC_UNITS_MASCULINE
    if number <= 10:
        return units[number - 1]
    if number >= 100:
        return None
    tens, unit = divmod(number, 10)
    if unit == 1:
        one = "الحادية" if feminine else "الحادي"
    else:
        one = units[unit - 1] if unit else ""
    if tens == 1:
        return f"{one} {'عشرة' if feminine else 'عشر'}"
    decade = _ARABIC_TENS[tens - 2]
    return f"{one} و{decade}" if unit else decade


def _arabic_of(name: str) -> str:
    """ "لفريق استعراض التنفيذ"; "ال" after "لـ" becomes "لل": "للفريق العامل"."""
    return f"لل{name[2:]}" if name.startswith("ال") else f"ل{name}"


def _arabic(part: PartTitle) -> str | None:
    of_body = _arabic_of(part.body_name)
    feminine = part.kind is not SessionKind.INTERSESSIONAL
    number = _arabic_ordinal(part.number, feminine) if part.number else ""
    if number is None:
        return None
    if part.kind is SessionKind.INTERSESSIONAL:
        return " ".join(w for w in ("الاجتماع", number, "الفاصل بين الدورات", of_body) if w)
    special = "الاستثنائية" if part.kind is SessionKind.SPECIAL else ""
    resumed = ""
    if part.kind is SessionKind.RESUMED:
        again = part.resumption or 1
        nth = _arabic_ordinal(again, True)
        if nth is None:
            return None
        resumed = f"المستأنفة {nth}".strip()
    return " ".join(w for w in ("الدورة", special, number, resumed, of_body) if w)


# Chinese ------------------------------------------------------------------------------

_CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_number(number: int) -> str:
    """``11`` → "十一", ``21`` → "二十一", ``105`` → "一百零五"."""
    hundreds, rest = divmod(number, 100)
    tens, unit = divmod(rest, 10)
    text = f"{_CHINESE_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else _CHINESE_DIGITS[tens]) + "十"
    elif hundreds and unit:
        text += "零"
    return text + (_CHINESE_DIGITS[unit] if unit else "")


def _chinese(part: PartTitle) -> str:
    numbered = f"第{chinese_number(part.number)}" if part.number else ""
    if part.kind is SessionKind.INTERSESSIONAL:
        return f"{part.body_name}{numbered}{'次' if numbered else ''}闭会期间会议"
    special = "特别" if part.kind is SessionKind.SPECIAL else ""
    session = f"{part.body_name}{numbered}{'届' if numbered else ''}{special}会议"
    if part.kind is not SessionKind.RESUMED:
        return session
    again = part.resumption or 1
    return f"{session}第{chinese_number(again)}次续会"


# All six ------------------------------------------------------------------------------

_PART_TITLES: dict[str, Callable[[PartTitle], str | None]] = {
    "ar": _arabic,
    "zh": _chinese,
    "en": _english,
    "fr": _french,
    "ru": _russian,
    "es": _spanish,
}
_AND = {"ar": " و", "zh": "和", "en": " and ", "fr": " et ", "ru": " и ", "es": " y "}
_COMMA = {"ar": "، ", "zh": "、", "en": ", ", "fr": ", ", "ru": ", ", "es": ", "}


def part_title(part: PartTitle, locale: str = ENGLISH) -> str | None:
    """One body's share in lower case ("eleventh session of the X"); None without a rule."""
    return _PART_TITLES[locale](part)


def session_title(parts: list[PartTitle], subject: str = "", locale: str = ENGLISH) -> str | None:
    """The whole title, capitalized: each body's part joined by "and", then the subject.

    The subject (such as "against corruption") is English text: in another language
    there is no title to derive (None) and the secretariat's correction, or English, stands.
    """
    if subject.strip() and locale != ENGLISH:
        return None
    titles = [part_title(part, locale) for part in parts]
    if any(title is None for title in titles):
        return None
    words = [title for title in titles if title is not None]
    joined = (
        words[0] if len(words) == 1 else _COMMA[locale].join(words[:-1]) + _AND[locale] + words[-1]
    )
    title = f"{joined} {subject.strip()}" if subject.strip() else joined
    return title[0].upper() + title[1:]
