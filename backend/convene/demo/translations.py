"""The demo's bodies, titles and agenda items in the other five official languages.

Bodies' names are those of the UN's own documents of these bodies (the
CAC/COSP and CAC/COSP/IRG series in each language). Titles of the sessions
with a subject ("special session ... against corruption") cannot be derived
outside English, so the demo gives them as the secretariat would correct them.
"""

from __future__ import annotations

import msgspec

from convene.agenda.schemas import AgendaItemIn

Translations = dict[str, str]

BODY_NAMES: dict[str, Translations] = {
    "COSP": {
        "ar": "مؤتمر الدول الأطراف في اتفاقية الأمم المتحدة لمكافحة الفساد",
        "zh": "联合国反腐败公约缔约国会议",
        "fr": "Conférence des États parties à la Convention des Nations Unies contre la corruption",
        "ru": "Конференция государств – участников Конвенции Организации Объединенных Наций "
        "против коррупции",
        "es": "Conferencia de los Estados Partes en la Convención de las Naciones Unidas contra "
        "la Corrupción",
    },
    "IRG": {
        "ar": "فريق استعراض التنفيذ",
        "zh": "实施情况审议组",
        "fr": "Groupe d'examen de l'application",
        "ru": "Группа по обзору хода осуществления",
        "es": "Grupo de Examen de la Aplicación",
    },
    "WGP": {
        "ar": "الفريق العامل الحكومي الدولي المفتوح العضوية المعني بمنع الفساد",
        "zh": "预防腐败问题不限成员名额政府间工作组",
        "fr": "Groupe de travail intergouvernemental à composition non limitée sur la prévention "
        "de la corruption",
        "ru": "Межправительственная рабочая группа открытого состава по предупреждению коррупции",
        "es": "Grupo de Trabajo Intergubernamental de Composición Abierta sobre Prevención de "
        "la Corrupción",
    },
    "WGAR": {
        "ar": "الفريق العامل الحكومي الدولي المفتوح العضوية المعني باسترداد الموجودات",
        "zh": "追回资产问题不限成员名额政府间工作组",
        "fr": "Groupe de travail intergouvernemental à composition non limitée sur le recouvrement "
        "d'avoirs",
        "ru": "Межправительственная рабочая группа открытого состава по возвращению активов",
        "es": "Grupo de Trabajo Intergubernamental de Composición Abierta sobre Recuperación "
        "de Activos",
    },
    "EMIC": {
        "ar": "اجتماع الخبراء الحكومي الدولي المفتوح العضوية لتعزيز التعاون الدولي",
        "zh": "加强国际合作不限成员名额政府间专家会议",
        "fr": "Réunion intergouvernementale d'experts à composition non limitée chargée de "
        "renforcer la coopération internationale",
        "ru": "Межправительственное совещание экспертов открытого состава для расширения "
        "международного сотрудничества",
        "es": "Reunión Intergubernamental de Expertos de Composición Abierta para Mejorar la "
        "Cooperación Internacional",
    },
    "GA": {
        "ar": "الجمعية العامة",
        "zh": "大会",
        "fr": "Assemblée générale",
        "ru": "Генеральная Ассамблея",
        "es": "Asamblea General",
    },
}

SESSION_TITLES: dict[tuple[str, str, int], Translations] = {
    ("COSP", "intersessional", 1): {
        "ar": "الاجتماع الأول الفاصل بين الدورات لمؤتمر الدول الأطراف في اتفاقية الأمم المتحدة "
        "لمكافحة الفساد بشأن التحضير للدورة الاستثنائية للجمعية العامة لمكافحة الفساد",
        "zh": "联合国反腐败公约缔约国会议关于大会反腐败问题特别会议筹备工作的第一次闭会期间会议",
        "fr": "Première réunion intersessions de la Conférence des États parties à la Convention "
        "des Nations Unies contre la corruption consacrée aux préparatifs de la session "
        "extraordinaire de l'Assemblée générale contre la corruption",
        "ru": "Первое межсессионное совещание Конференции государств – участников Конвенции "
        "Организации Объединенных Наций против коррупции по подготовке к специальной сессии "
        "Генеральной Ассамблеи, посвященной борьбе с коррупцией",
        "es": "Primera reunión entre períodos de sesiones de la Conferencia de los Estados Partes "
        "en la Convención de las Naciones Unidas contra la Corrupción sobre los preparativos del "
        "período extraordinario de sesiones de la Asamblea General contra la corrupción",
    },
    ("GA", "special", 32): {
        "ar": "الدورة الاستثنائية الثانية والثلاثون للجمعية العامة لمكافحة الفساد",
        "zh": "大会第三十二届反腐败问题特别会议",
        "fr": "Trente-deuxième session extraordinaire de l'Assemblée générale consacrée à la "
        "lutte contre la corruption",
        "ru": "Тридцать вторая специальная сессия Генеральной Ассамблеи, посвященная борьбе "
        "с коррупцией",
        "es": "Trigésimo segundo período extraordinario de sesiones de la Asamblea General "
        "contra la corrupción",
    },
}


def _item(ar: str, zh: str, fr: str, ru: str, es: str) -> Translations:
    return {"ar": ar, "zh": zh, "fr": fr, "ru": ru, "es": es}


AGENDA_ITEMS: dict[str, Translations] = {
    "Organizational matters": _item(
        "المسائل التنظيمية",
        "组织事项",
        "Questions d'organisation",
        "Организационные вопросы",
        "Cuestiones de organización",
    ),
    "General discussion": _item(
        "المناقشة العامة",
        "一般性辩论",
        "Débat général",
        "Общие прения",
        "Debate general",
    ),
    "Opening of the session": _item(
        "افتتاح الدورة",
        "会议开幕",
        "Ouverture de la session",
        "Открытие сессии",
        "Apertura del período de sesiones",
    ),
    "Adoption of the agenda and organization of work": _item(
        "إقرار جدول الأعمال وتنظيم الأعمال",
        "通过议程和工作安排",
        "Adoption de l'ordre du jour et organisation des travaux",
        "Утверждение повестки дня и организация работы",
        "Aprobación del programa y organización de los trabajos",
    ),
    "Review of implementation of the United Nations Convention against Corruption": _item(
        "استعراض تنفيذ اتفاقية الأمم المتحدة لمكافحة الفساد",
        "审议《联合国反腐败公约》实施情况",
        "Examen de l'application de la Convention des Nations Unies contre la corruption",
        "Обзор хода осуществления Конвенции Организации Объединенных Наций против коррупции",
        "Examen de la aplicación de la Convención de las Naciones Unidas contra la Corrupción",
    ),
    "Reports on the progress made in the country reviews": _item(
        "التقارير عن التقدم المحرز في الاستعراضات القطرية",
        "关于国别审议进展情况的报告",
        "Rapports sur les progrès accomplis dans les examens de pays",
        "Доклады о ходе страновых обзоров",
        "Informes sobre los progresos realizados en los exámenes de los países",
    ),
    "Thematic overview of the implementation of chapters II and V": _item(
        "لمحة مواضيعية عن تنفيذ الفصلين الثاني والخامس",
        "第二章和第五章实施情况专题概述",
        "Aperçu thématique de l'application des chapitres II et V",
        "Тематический обзор осуществления глав II и V",
        "Panorama temático de la aplicación de los capítulos II y V",
    ),
    "Technical assistance": _item(
        "المساعدة التقنية",
        "技术援助",
        "Assistance technique",
        "Техническая помощь",
        "Asistencia técnica",
    ),
    "Financial and budgetary matters": _item(
        "المسائل المالية ومسائل الميزانية",
        "财务和预算事项",
        "Questions financières et budgétaires",
        "Финансовые и бюджетные вопросы",
        "Cuestiones financieras y presupuestarias",
    ),
    "Good practices and experiences in the prevention of corruption": _item(
        "الممارسات الجيدة والخبرات في مجال منع الفساد",
        "预防腐败方面的良好做法和经验",
        "Bonnes pratiques et données d'expérience en matière de prévention de la corruption",
        "Успешные виды практики и опыт в области предупреждения коррупции",
        "Buenas prácticas y experiencias en la prevención de la corrupción",
    ),
    "Other matters": _item(
        "مسائل أخرى",
        "其他事项",
        "Questions diverses",
        "Прочие вопросы",
        "Otros asuntos",
    ),
    "Adoption of the report": _item(
        "اعتماد التقرير",
        "通过报告",
        "Adoption du rapport",
        "Утверждение доклада",
        "Aprobación del informe",
    ),
    "Opening of the meeting": _item(
        "افتتاح الاجتماع",
        "会议开幕",
        "Ouverture de la réunion",
        "Открытие совещания",
        "Apertura de la reunión",
    ),
    "Preparations for the special session of the General Assembly against corruption": _item(
        "التحضير للدورة الاستثنائية للجمعية العامة لمكافحة الفساد",
        "大会反腐败问题特别会议的筹备工作",
        "Préparatifs de la session extraordinaire de l'Assemblée générale contre la corruption",
        "Подготовка к специальной сессии Генеральной Ассамблеи, посвященной борьбе с коррупцией",
        "Preparativos del período extraordinario de sesiones de la Asamblea General contra la "
        "corrupción",
    ),
    "Substantive preparations, including the political declaration": _item(
        "الأعمال التحضيرية الموضوعية، بما في ذلك الإعلان السياسي",
        "实质性筹备工作，包括政治宣言",
        "Préparatifs de fond, y compris la déclaration politique",
        "Подготовка по вопросам существа, включая политическую декларацию",
        "Preparativos sustantivos, incluida la declaración política",
    ),
    "Organizational arrangements": _item(
        "الترتيبات التنظيمية",
        "组织安排",
        "Dispositions d'organisation",
        "Организационные меры",
        "Disposiciones de organización",
    ),
    "Opening of the special session": _item(
        "افتتاح الدورة الاستثنائية",
        "特别会议开幕",
        "Ouverture de la session extraordinaire",
        "Открытие специальной сессии",
        "Apertura del período extraordinario de sesiones",
    ),
    "Election of the President and other officers": _item(
        "انتخاب الرئيس وسائر أعضاء المكتب",
        "选举主席和其他主席团成员",
        "Élection du Président et des autres membres du Bureau",
        "Выборы Председателя и других должностных лиц",
        "Elección del Presidente y de los demás miembros de la Mesa",
    ),
    "Organization of the special session": _item(
        "تنظيم الدورة الاستثنائية",
        "特别会议的安排",
        "Organisation de la session extraordinaire",
        "Организация специальной сессии",
        "Organización del período extraordinario de sesiones",
    ),
    "Adoption of the agenda": _item(
        "إقرار جدول الأعمال",
        "通过议程",
        "Adoption de l'ordre du jour",
        "Утверждение повестки дня",
        "Aprobación del programa",
    ),
    "General debate": _item(
        "المناقشة العامة",
        "一般性辩论",
        "Débat général",
        "Общие прения",
        "Debate general",
    ),
    "Adoption of the political declaration": _item(
        "اعتماد الإعلان السياسي",
        "通过政治宣言",
        "Adoption de la déclaration politique",
        "Принятие политической декларации",
        "Aprobación de la declaración política",
    ),
    "Reports on the progress made in the second review cycle": _item(
        "التقارير عن التقدم المحرز في دورة الاستعراض الثانية",
        "关于第二个审议周期进展情况的报告",
        "Rapports sur les progrès accomplis dans le deuxième cycle d'examen",
        "Доклады о ходе второго цикла обзора",
        "Informes sobre los progresos realizados en el segundo ciclo de examen",
    ),
    "Thematic overview of chapters II and V": _item(
        "لمحة مواضيعية عن الفصلين الثاني والخامس",
        "第二章和第五章专题概述",
        "Aperçu thématique des chapitres II et V",
        "Тематический обзор глав II и V",
        "Panorama temático de los capítulos II y V",
    ),
    "Performance of the Implementation Review Mechanism": _item(
        "أداء آلية استعراض التنفيذ",
        "实施情况审议机制的运作情况",
        "Fonctionnement du Mécanisme d'examen de l'application",
        "Функционирование Механизма обзора хода осуществления",
        "Funcionamiento del Mecanismo de Examen de la Aplicación",
    ),
    "Provisional agenda for the thirteenth session": _item(
        "جدول الأعمال المؤقت للدورة الثالثة عشرة",
        "第十三届会议临时议程",
        "Ordre du jour provisoire de la treizième session",
        "Предварительная повестка дня тринадцатой сессии",
        "Programa provisional del 13º período de sesiones",
    ),
    "Preparations for the next phase of the Mechanism": _item(
        "التحضير للمرحلة التالية من الآلية",
        "为审议机制下一阶段所作的准备",
        "Préparatifs de la prochaine phase du Mécanisme",
        "Подготовка к следующему этапу Механизма",
        "Preparativos de la próxima fase del Mecanismo",
    ),
    "Asset recovery: good practices in the return of proceeds": _item(
        "استرداد الموجودات: الممارسات الجيدة في إعادة العائدات",
        "追回资产：返还所得的良好做法",
        "Recouvrement d'avoirs : bonnes pratiques en matière de restitution du produit du crime",
        "Возвращение активов: успешные виды практики в области возвращения доходов",
        "Recuperación de activos: buenas prácticas en la restitución del producto del delito",
    ),
    "Election of officers": _item(
        "انتخاب أعضاء المكتب",
        "选举主席团成员",
        "Élection du Bureau",
        "Выборы должностных лиц",
        "Elección de la Mesa",
    ),
    "Review mechanism": _item(
        "آلية الاستعراض",
        "审议机制",
        "Mécanisme d'examen",
        "Механизм обзора",
        "Mecanismo de examen",
    ),
    "Asset recovery": _item(
        "استرداد الموجودات",
        "追回资产",
        "Recouvrement d'avoirs",
        "Возвращение активов",
        "Recuperación de activos",
    ),
    "International cooperation": _item(
        "التعاون الدولي",
        "国际合作",
        "Coopération internationale",
        "Международное сотрудничество",
        "Cooperación internacional",
    ),
    "Adoption of the report of the Conference on its eighth session": _item(
        "اعتماد تقرير المؤتمر عن دورته الثامنة",
        "通过缔约国会议第八届会议报告",
        "Adoption du rapport de la Conférence sur les travaux de sa huitième session",
        "Утверждение доклада Конференции о работе ее восьмой сессии",
        "Aprobación del informe de la Conferencia sobre su octavo período de sesiones",
    ),
}


def agenda_item_in(title: str, parent_id: int | None = None) -> AgendaItemIn:
    """An agenda item of the demo, with its title in the six languages."""
    return msgspec.convert(
        {"title": title, "parent_id": parent_id, "titles": AGENDA_ITEMS.get(title, {})},
        AgendaItemIn,
    )
