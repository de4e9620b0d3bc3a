"""One Pydantic schema per resource file: what each lexicon and pattern file may hold.

:func:`extractor.resource_data.load_resource` checks a file against its schema when it is first
read: an unknown key (a misspelt flag), a missing field or a value of the wrong type is a
:class:`~extractor.resource_data.ResourceError` naming the file and the entry. Keys starting with
``_comment`` are comments, allowed anywhere.
"""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict, Field

from .records import EventType, Granularity, PriorityAreaSlug

Words = list[str]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- article_meta.json ---------------------------------------------------------------------


class Byline(Strict):
    role: str = Field(pattern="^(reporters|editors|photographers)$")
    pattern: str  # a regular expression over one line, with a ``names`` group


class BoilerplatePattern(Strict):
    id: str
    pattern: str  # a regular expression (re.MULTILINE)


class ArticleMetaResource(Strict):
    datelines: Words  # regular expressions of datelines
    dateline_not_places: Words
    bylines: list[Byline]
    name_separators: str
    boilerplate: list[BoilerplatePattern]
    source_lines: Words  # regular expressions with a ``source`` group, in order of preference


# --- countries.json ------------------------------------------------------------------------


class CountriesResource(Strict):
    countries: dict[str, Words]  # ISO alpha-2 -> names, adjectives, abbreviations
    blocs: dict[str, Words]  # acronym -> names
    not_countries: Words
    capitals: dict[str, Words] = {}  # ISO alpha-2 -> capital cities (a visit to Beijing is one to China)


# --- dates.json ----------------------------------------------------------------------------


class RelativeDate(Strict):
    days: Optional[int] = None
    months: Optional[int] = None
    years: Optional[int] = None
    granularity: Granularity


class CalendarNouns(Strict):
    day: Words
    date: Words
    month: Words
    year: Words
    period: Words
    position: Words


class DatesResource(Strict):
    months: dict[str, Words]  # month number -> names
    month_abbreviations: dict[str, Words]
    month_names_standalone: Words
    weekdays: dict[str, Words]  # weekday number (Monday 0) -> names
    relative: dict[str, RelativeDate]
    calendar_nouns: CalendarNouns
    future_cues: Words
    past_words_before: Words  # right before a yearless date: it lies in the past (``sejak Mei``)
    past_aspect_words: Words  # after the last future cue, in a yearless date's clause: it is past
    bare_year_blockers_before: Words
    bare_year_blockers_after: Words
    month_context_before: Words
    month_context_after: Words
    weekday_blockers_before: Words
    weekday_blockers_after: Words
    week_words_after_minggu: Words
    relative_blockers_before: Words
    legal_citation_words: Words
    day_parts: Words
    week_qualifiers: dict[str, int]
    relative_year_suffix: dict[str, int]
    day_range_joiners: Words
    closing_sign_off: str = ""  # dates: the desk's initials closing an article; after them, furniture
    statement_words: Words = []  # dates: a bare weekday right after them dates a statement (past)
    statement_reach: int = 4
    weekday_future_after: Words = []
    future_words_after: Words
    past_words_after: Words
    tense_link_after: str
    weekday_pair_joiners: Words
    weekday_list_joiners: Words
    weekday_range_joiners: Words


# --- events.json ---------------------------------------------------------------------------


class EventHead(Strict):
    """An event noun (``pertemuan``, ``KTT``) and how a mention of it behaves."""

    type: EventType
    refers_to: Optional[list[EventType]] = None  # the types a bare reference can resolve to
    named_only: bool = False  # an event only with a name after it (``Sidang Umum PBB``)
    reference_only: bool = False
    session: bool = False
    session_part: bool = False
    held_cue_named: bool = False
    held_cue_descriptor: bool = False
    official_object: bool = False  # an event only with an official right after it (``kedatangan Presiden AS Barack Obama``)
    object_named: bool = False  # also an event with ``dengan``/``antara`` an official or a state (``pembicaraan dengan PM Bangladesh``)


class EventVerb(Strict):
    """An event verb (``bertemu``, ``mengunjungi``) and what it needs around it to count."""

    type: EventType
    needs_next: Optional[Words] = None
    needs_document: bool = False
    needs_document_before: bool = False
    needs_party_object: bool = False
    needs_official_object: bool = False
    receives_guest: bool = False  # the official it needs is the guest (``menerima Menlu X``), not the host (``diterima``)
    intrinsic: bool = False


class StandaloneEvent(Strict):
    type: EventType
    patterns: list[list[list[str]]]  # token patterns: [regex] or [regex, "?"] per token


class EventWindows(Strict):
    """How far, in words, the event readers look (``events.json`` ``windows``)."""

    specific_object: int
    signed_document: int
    verb_object: int
    document_before: int
    document_after: int
    negation_before: int
    official_object: int
    verb_official: int
    link_gap: int
    party_clause: int
    location_max: int
    during_visit: int
    verb_negation: int
    look_back_date: int
    both_sides_back: int = 30  # events: how far back ``kedua negara`` finds its two states


class EventsResource(Strict):
    heads: dict[str, EventHead]
    english_heads: dict[str, EventType]
    english_lowercase_heads: Words
    acronyms: dict[str, EventType]
    verbs: dict[str, EventVerb]
    modifiers: Words
    specific_modifiers: Words
    sequence_words: Words
    party_connectors: Words
    name_connectors: Words
    english_suffix_words: Words
    demonstratives: Words
    reference_followers: Words
    plural_cues: Words
    plural_after: Words
    negation_cues: Words
    planned_before: Words
    planned_after: Words
    planned_clause_end: Words
    planned_before_window: int
    chair_after: Words
    chair_before: Words
    chair_subject_window: int
    clause_breakers: Words
    link_cues: Words
    location_gap_words: Words
    location_gap_connectors: Words
    sequence_openers: Words
    venue_nouns: Words
    venue_modifiers: int
    location_stop_words: Words
    place_followers: Words
    left_stop_words: Words
    period_cues: Words
    period_start_cues: Words
    reporting_verbs: Words
    document_cues: Words
    function_words: Words
    title_words: Words
    diplomatic_name_words: Words
    context_blockers: Words
    non_event_name_words: Words
    possessive_suffix: str
    standalone: dict[str, StandaloneEvent]
    modifier_patterns: Words
    predicate_cues: Words
    held_cues: Words
    establish_cues: Words
    opening_cues: Words
    background_cues: Words
    both_sides_cues: Words
    purpose_cues: Words
    tour_destination: str
    object_introducers: Words
    destination_words: Words
    place_prepositions: Words
    arrival_cues: Words
    receiving_fillers: Words
    object_cutters: Words
    relative_marker: str
    agent_marker: str
    day_linker: str
    plain_meeting_modifiers: Words
    chair_fillers: Words
    partner_words: Words
    joint_words: Words
    link_cue_followers: Words
    windows: EventWindows
    continued_venue_cues: Words = []  # attributes: a mention-less next sentence's venue (``Lokasi di``)
    continued_day_reach: int = 7  # attributes: days from publication a next sentence's day may lie
    continued_statement_words: Words = []  # attributes: a statement's words before that day
    fronted_place_openers: Words = []  # attributes: words before a sentence-opening ``di`` place
    fronted_visit_heads: Words = []  # attributes: a sentence-opening trip ``Dalam kunjungan kerja ke <place>,``
    fronted_link_cues: Words = []  # attributes: a sentence-opening ``Di sela-sela <event>,``
    departure_cues: Words = []  # attributes: ``bertolak menuju <place> untuk <event>``
    departure_prepositions: Words = []
    venue_visit_verbs: Words = []  # attributes: ``mendatangi <place> menemui ...``
    later_day_words: Words = []  # attributes: ``hari terakhir <event>``: not its start
    tour_list_cues: Words = []  # attributes: ``kunjungan ke lima negara, yakni A, B dan C``: the list is the place
    co_held_joiners: Words
    look_back_days: int
    headline_verb_forms: Words
    place_particles: Words
    subject_pronouns: Words
    subject_auxiliaries: Words
    topic_cues: Words
    subordinators: Words
    home_state: str = "ID"  # events: the state of an office named without one (``Panglima``)
    light_verbs: Words = []  # events: ``melakukan perundingan <topic>``


# --- figures.json --------------------------------------------------------------------------


class NumberWords(Strict):
    units: dict[str, int]
    se_words: dict[str, int]
    multipliers: dict[str, float]
    multipliers_case_sensitive: dict[str, float]
    vague_plurals: dict[str, float]  # belasan, puluhan...: valued at their base (annotation guide)
    ordinal_words: dict[str, int]


class Currencies(Strict):
    prefix: dict[str, str]  # symbol or code before the number -> ISO 4217
    suffix: dict[str, str]  # currency word after the number -> ISO 4217


class CountWords(Strict):
    classifiers: Words
    not_count_words: Words
    verb_prefixes: Words
    nouns_despite_prefix: Words
    capitalised_count_nouns: Words


class OrdinalWords(Strict):
    period_before: Words
    collective_before: Words
    collective_after: Words
    ordinal_after: Words
    word_forms: Words


class FiguresResource(Strict):
    numbers: NumberWords
    number_words: Words
    currencies: Currencies
    percent: Words
    durations: dict[str, str]
    measures: dict[str, str]
    count: CountWords
    excluded_before_number: Words
    ordinals: OrdinalWords
    subject_triggers: Words
    subject_stop_words: Words
    subject_hedges: Words
    subject_leading_fillers: Words


# --- known_officials.json ------------------------------------------------------------------


class KnownOfficialEntry(Strict):
    name: str
    aliases: Words = []
    title: Optional[str] = None
    organization: Optional[str] = None
    country: Optional[str] = Field(default=None, pattern="^[A-Z]{2}$")
    from_: Optional[str] = Field(default=None, alias="from")
    to: Optional[str] = None


class KnownOfficialsResource(Strict):
    officials: list[KnownOfficialEntry]


# --- priority_areas.json -------------------------------------------------------------------


class CommitmentCues(Strict):
    heads: Words
    verbs: Words
    max_words_between: int
    objects: Words
    max_words_to_object: int
    head_blockers: Words = ()  # a need, wish or call before a head voids it: perlu, berharap, mengajak
    head_blocker_window: int = 0  # words before the head searched for them
    # a verb with no head frames when none of the words this far before it is a blocker (0: it needs a head)
    headless_blocker_window: int = 0
    headless_blockers: Words = ()  # further blockers of a verb with no head: an established relationship (sejak)
    headless_after_blockers: Words = ()  # the same after the verb: menjalin kerja sama ... sejak lama
    verbs_needing_head: Words = ()  # verbs that frame only after a head: mendorong (a call), membuka (an opening)
    direct_heads: Words = ()  # a commitment or plan that frames the area it governs directly: berkomitmen berinvestasi
    direct_max_gap_words: int = 0
    verb_heads: Words = ()  # a commitment whose cooperation verb governs the area itself: berkomitmen meningkatkan perdagangan


class OutcomeCues(Strict):
    cues: Words
    subjects: Words


class AnaphorScope(Strict):
    words: Words
    fillers: Words


class Announcement(Strict):
    count_words: Words
    count_numerals: bool = False  # any token of digits is a count word too
    area_nouns: Words


class CountedLists(Strict):
    nouns: Words  # what a count word counts before a list: kerja sama, MoU, bidang
    introducers: Words  # yaitu, yakni, antara lain, meliputi


class ListItemHeads(Strict):
    affixes: list[tuple[str, str]]  # (prefix, suffix) of a process noun: pe-/-an (pengembangan, perlindungan)
    max_words: int  # at most this many of them right before a list's next area


class PredicateMarkers(Strict):
    words: Words  # adalah, yakni: a copula or introducer before the predicate that names the area
    max_words: int  # plain words it may stand before the area (adalah memperkuat arsitektur kesehatan)


class DocumentTitles(Strict):
    heads: Words  # document nouns that open a title: Deklarasi, Rencana Induk, MoU
    connectors: Words  # lower-case words a title may hold: dan, tentang, of
    max_words: int
    trailing_heads: Words = ()  # English document nouns that end their title: Agreement, Treaty


class EnumeratedLists(Strict):
    bullets: Words  # tokens that open a list item as an enumerator does: -, •
    ordinals: Words = ()  # ordinal words that open a list item before a comma or colon: Pertama,
    max_items: int


class PurposeCues(Strict):
    cues: Words  # bertujuan, dimaksudkan untuk, diarahkan pada: a meeting's or a cooperation's purpose
    subject_window: int  # words between the meeting noun or the cooperation and the cue


class Negation(Strict):
    words: Words  # tidak, belum, gagal: a cue right after one of them frames nothing
    exceptions: Words  # a word after the negation that makes it no negation: tidak hanya (not only)
    window: int  # words before the cue searched


class PriorityAreasResource(Strict):
    cooperation_context: Words
    areas: dict[PriorityAreaSlug, Words]
    # the last part of a hyphenated compound token that names its area: IA-CEPA, ASEAN-FTA
    compound_suffixes: dict[PriorityAreaSlug, Words] = {}
    party_anaphors: Words = ()  # keduanya, kedua pihak: the parties of an act named before
    non_areas: Words
    cues: Words
    commitment_cues: CommitmentCues
    outcome_cues: OutcomeCues
    post_cues: Words
    post_linkers: Words
    post_max_gap_words: int
    cue_blockers: Words
    cue_pre_blockers: Words = ()  # a need, wish or call just before a forward cue voids it: perlu, berharap
    anaphor_scope: AnaphorScope
    gap_blockers: Words
    area_blockers: Words
    list_joiners: Words
    max_gap_words: int
    field_markers: Words
    extended_gap_words: int
    announcement: Announcement
    list_separators: Words
    list_item_max_words: int
    list_gap_max_words: int
    list_continuations: Words = []  # words leading from a framed area to its parts: yang mencakup, khususnya
    list_continuation_max_words: int = 0
    area_verbs: dict[PriorityAreaSlug, Words] = {}  # a verb that frames its own area right after it: menjemput investasi
    predicate_markers: Optional[PredicateMarkers] = None  # extended reach: fokus ... adalah memperkuat <area>
    list_item_heads: Optional[ListItemHeads] = None  # dan pengembangan <area>: a process noun heading a list item
    counted_lists: CountedLists
    document_titles: DocumentTitles
    enumerated_lists: Optional[EnumeratedLists] = None
    negation: Optional[Negation] = None
    party_as_currency: Words = ()  # a state's name after one of these names a currency: dolar AS
    bilateral_acts: Words = ()  # without a context word, a sentence needs one of these and a foreign party
    purpose_cues: Optional[PurposeCues] = None


# --- sentence_abbreviations.json, tokenizer_augmentation.json ------------------------------


class SentenceAbbreviationsResource(Strict):
    description: str
    titles: Words
    references: Words
    inline: Words


class TokenizerAugmentationResource(Strict):
    description: str
    templates: Words
    first_names: Words
    last_names: Words
    cities: Words
    outlets: Words
    positions: Words
    clauses: Words
    streets: Words
    days: Words


# --- titles.json ---------------------------------------------------------------------------


class Ministry(Strict):
    portfolio: str
    variants: Words
    minister: Words
    deputy_minister: Words
    organization: str
    organization_forms: Words
    indonesian_only: bool = False


class TitleEntry(Strict):
    title: str
    forms: Words
    kind: Optional[str] = None
    organization: Optional[str] = None
    region_organization: Optional[str] = None
    country: Optional[str] = None
    weak_country: Optional[str] = None  # the state of the office when the text names none
    requires_organization: bool = False


class Organization(Strict):
    name: str
    forms: Words
    country: Optional[str] = None


class VerbAffix(Strict):
    prefix: str
    restore: str = ""  # the root's first letter a nasal prefix replaced (menemui: men- + t-emui)


class NameVerbs(Strict):
    words: Words  # capitalised words that are never names (Pamit, Tiba, Soal)
    roots: Words  # verb roots: a prefixed or suffixed form of one is a verb (Bertemu, Tegaskan)
    prefixes: list[VerbAffix]
    suffixes: Words
    min_root: int
    title_case_share: float  # share of capitalised words that makes a line Title Case
    title_case_min_words: int


class VisitHosts(Strict):
    visit_words: Words
    to_words: Words
    meeting_words: Words
    list_words: Words
    meeting_verbs: Words = []  # a meeting verb itself (bertemu), not a preposition (dengan)
    departure_words: Words = []  # leaving a state after meeting its officials (meninggalkan)
    visit_places: Words = []  # before the state a visit goes to or is made in (ke, di)
    arrival_words: Words = []  # an arrival (tiba di Kairo, Mesir) names the visit's destination
    place_prepositions: Words = []  # a capitalised word after one is a place (di Jeddah), no name
    place_nouns: Words = []  # so is one after these (Kabupaten Jayawijaya)


class HolderGap(Strict):
    """What may stand between a title and its holder's name (``Gubernur DKI terpilih Anies``,
    ``Presiden SMU PBB Ke-76 adalah Abdulla Shahid``, ``Atase Pertahanan RI di Kuala Lumpur Brigjen TNI Winarno``)."""

    elect_words: Words = []  # the office is the elect's: its title takes elect_title
    elect_title: str = ""
    copulas: Words = []  # right before the name (Presiden ... adalah X)
    ordinal_prefixes: Words = []  # ke-44, Ke-76
    origin_words: Words = []  # a state after the name (Abdulla Shahid dari Maladewa) is his
    plural_markers: Words = []  # an office counted in the plural (tiga mantan Menlu) ...
    list_markers: Words = []  # ... then yaitu/yakni and the names of its holders


class CounterpartOffices(Strict):
    """Offices Indonesia has one holder of at a time: another holder is a foreign counterpart."""

    titles: Words = []  # exact titles (Presiden)
    title_prefixes: Words = []  # a title starting so (Menteri + a portfolio)


class BodyTitles(Strict):
    """Titles whose words after the head may name the body they head, not a portfolio: that body
    goes to organization (``Ketua ACONDIP``, ``Kepala Badan Gizi Nasional``, ``Sekjen Jeddah
    Chamber of Commerce``; annotation guide: bodies in titles)."""

    heads: Words = []  # titles that head a body: an acronym right after them is the body
    nouns: Words = []  # words that open a body's name (Badan, Pasukan, Kantor, Parlemen)
    institution_words: Words = []  # words that make the words after a title a body's name (Center, Chamber, Authority)


class RegionWords(Strict):
    """How a region after a regional head's title is written (``Gubernur Sulawesi Tengah``,
    ``Bupati Pulau Morotai``): prefixes, one name word, then compass words."""

    prefixes: Words = []  # Pulau, Kabupaten, Daerah Istimewa
    compass: Words = []  # Utara, Tengah, Tenggara


class TitlesResource(Strict):
    ministries: list[Ministry]
    titles: list[TitleEntry]
    organizations: list[Organization]
    portfolio_connectors: Words
    portfolio_spelling: dict[str, str]
    envoy_postings: Words
    qualifier_prefixes: Words
    title_words: Words
    honorifics: Words
    name_particles: Words
    institution_words: Words
    place_markers: Words
    not_names: Words
    former_markers: Words
    name_title_links: Words  # what may stand between a name and the title after it
    coordination_links: Words  # what joins two titled people who serve one state
    coordination_conjunctions: Words  # may follow a link (", dan")
    name_verbs: NameVerbs  # a name never takes the verb after it (Title-Case headlines)
    visit_hosts: VisitHosts  # the hosts met on a visit to a state serve that state
    envoy_qualifiers: Words  # words between an envoy's title and his state (Designate, Resident)
    office_list_words: Words = []  # join unnamed offices into a list (PM dan Menlu Bangladesh, Retno)
    holder_gap: HolderGap = HolderGap()  # between a title and the name of its holder
    counterpart_offices: CounterpartOffices = CounterpartOffices()  # one holder in Indonesia at a time
    body_titles: BodyTitles = BodyTitles()  # the body a title heads goes to organization
    portfolio_state_words: Words = []  # a state right after these belongs to the portfolio (Warga Negara Indonesia)
    name_words: Words = []  # words of title phrases that are also names (Agung: Jaksa Agung, I Gusti Agung)
    region_words: RegionWords = RegionWords()  # where a region after Gubernur/Wali Kota ends


# --- archive.json -----------------------------------------------------------------------------


class ArchiveResource(Strict):
    name_prefixes: Words
    spelling_variants: list[tuple[str, str]]
    event_type_groups: list[Words]
    event_name_stopwords: Words
    courtesy_call_names: Words
    location_stopwords: Words
    event_name_abbreviations: list[tuple[str, str]]
    place_states: dict[str, Words] = {}  # places by the ISO alpha-2 code of the state they lie in
    tour_counts: Words = []  # numbers of states that name a tour (`kunjungan ke lima negara`)
    tour_nouns: Words = []


# --- language.json ----------------------------------------------------------------------------


class LanguageResource(Strict):
    min_words: int = Field(ge=1)
    min_share: float = Field(ge=0, le=1)
    sample_characters: int = Field(ge=1)
    function_words: dict[str, Words]


SCHEMAS: dict[str, type[Strict]] = {
    "archive.json": ArchiveResource,
    "article_meta.json": ArticleMetaResource,
    "countries.json": CountriesResource,
    "dates.json": DatesResource,
    "events.json": EventsResource,
    "figures.json": FiguresResource,
    "known_officials.json": KnownOfficialsResource,
    "language.json": LanguageResource,
    "priority_areas.json": PriorityAreasResource,
    "sentence_abbreviations.json": SentenceAbbreviationsResource,
    "titles.json": TitlesResource,
    "tokenizer_augmentation.json": TokenizerAugmentationResource,
}
