"""The data model, defined once.

Every record kind is a frozen dataclass. Field types and ``Annotated`` markers
(:mod:`generator.core.fields`) drive validation (:mod:`generator.core.schema`), the JSON
Schema for editors and the field reference page; nothing else restates them.
Field order here is the order editors see in skeletons and documentation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, ClassVar

from .fields import (
    Choice,
    Count,
    ExactlyOne,
    MinItems,
    Number,
    PartialDate,
    Placeholder,
    Ref,
    Slug,
    Text,
    Url,
    doc,
)

Id = Annotated[str, Slug()]
Line = Annotated[str, Text(max_len=300)]
Quote = Annotated[str, Text(max_len=2000, one_line=False)]

STATUS = Choice(
    {
        "reported": "A source reports it and nothing in the sources contradicts it. "
        "It has not been verified independently by us.",
        "disputed": "Another party in the sources contradicts it; its counter-claims say how.",
        "denied": "A party the claim concerns denies it; its counter-claims carry the denial.",
    }
)

FURNITURE = Choice(
    {
        "donation-appeal": "A request for money or subscriptions from the publisher.",
        "also-read": "A link line to another article.",
        "photo-caption": "A caption or credit of an image, often repeating a line of the text.",
        "repeated-line": "A line of the article printed again, for layout.",
        "other": "Any other text that is part of the page but not of the report.",
    }
)

LICENCE = Choice(
    {
        "full-text": "The site may republish the whole article: its page shows the full text.",
        "excerpt-only": "No licence to republish: the page shows only the cited passages, word for word, "
        "and links to the original; facts.json leaves out its furniture's text. The checks still use the "
        "full text in the repository.",
    }
)
CATEGORY = Choice(
    {
        "government": "A national government, or its capital named as a stand-in (Kyiv, Moscow).",
        "government-body": "An office, agency or official body of a government.",
        "court": "A court or tribunal.",
        "international-organisation": "A body of several states, such as the UN.",
        "news-organisation": "A news agency, newspaper, broadcaster or other publisher.",
        "research-organisation": "A think tank, research institute or non-profit that publishes research.",
        "armed-forces": "Military or security forces.",
        "other": "Anything else.",
    }
)


@dataclass(frozen=True, kw_only=True)
class Citation:
    """A passage of a source article, quoted verbatim, that supports the record."""

    source: Annotated[str, Ref("source")] = doc("Id of the source article the quote is taken from.")
    quote: Quote = doc(
        "The exact words of the article. Compared after the normalisation rule "
        "(Unicode NFC, runs of white space as one space, typographic quote marks as straight ones)."
    )
    occurrence: Annotated[int | None, Count()] = doc(
        "Which occurrence of the quote is meant (1 = first), counted outside page furniture. "
        "Required only where the quote occurs more than once.",
        default=None,
    )


@dataclass(frozen=True, kw_only=True)
class Passage:
    """A quote inside a claim's account; its source is the account's source."""

    quote: Quote = doc("The exact words of the article (same rule as a citation's quote).")
    occurrence: Annotated[int | None, Count()] = doc(
        "Which occurrence of the quote is meant, where it occurs more than once.", default=None
    )


@dataclass(frozen=True, kw_only=True)
class Unnamed:
    """A party the article does not name, such as "two White House officials"."""

    unnamed: Line = doc("How the article describes the party, in its words.")
    of: Annotated[str | None, Ref("person", "institution")] = doc(
        "The institution or person the party belongs to, where the article says.", default=None
    )


# A named party is the id of a person or institution; an unnamed one is described.
Party = Annotated[str, Ref("person", "institution")] | Unnamed

# Who asserts a statement: the article itself, said in so many words, or the claimants it names.
OWN_VOICE = "the article"
VOICE = Choice({OWN_VOICE: "The article states it in its own voice, attributing it to no one."})
Voice = Annotated[str, VOICE] | Annotated[tuple[Party, ...], MinItems(1)]


@dataclass(frozen=True, kw_only=True)
class When:
    """A time as the article words it, with the calendar date where it is known."""

    text: Line = doc('The article\'s own wording, e.g. "on Friday" or "in March 2023".')
    date: Annotated[str | None, PartialDate()] = doc(
        "The date to the precision known (YYYY, YYYY-MM or YYYY-MM-DD); leave it out when unknown.",
        default=None,
    )


@dataclass(frozen=True, kw_only=True)
class Relation:
    """A tie to another person or institution, such as "spokesman of" the Kremlin."""

    relation: Line = doc('What the record is to the other one, e.g. "spokesman of", "wife of".')
    to: Annotated[str, Ref("person", "institution")] = doc("Id of the other person or institution.")
    citations: Annotated[tuple[Citation, ...], MinItems(1)] = doc("Passages that state the relation.")


@dataclass(frozen=True, kw_only=True)
class Furniture:
    """Text on the article's page that is not part of the report."""

    kind: Annotated[str, FURNITURE] = doc("What sort of page furniture this is.")
    quote: Quote = doc("The furniture's exact text (same rule as a citation's quote).")
    occurrence: Annotated[int | None, Count()] = doc(
        "Which occurrence is meant, where the text occurs more than once.", default=None
    )
    proposed: Line | None = doc(
        "Written by add-source on what it takes for furniture: where and why. Delete this line to confirm "
        "the entry, or delete the entry where the words are the report's own; the check refuses a record "
        "with a proposal left.",
        default=None,
    )


# What add-source writes where the editor gave a value the text does not show: the check then
# asks where it was taken from, which only the editor knows.
FROM_ADD_SOURCE = "given to add-source"
FromEditor = Annotated[
    str,
    Text(max_len=300),
    Placeholder(FROM_ADD_SOURCE, 'where you took the value from, e.g. "the publisher\'s page, seen 2025-08-17"'),
]

# A source's headline, publisher and date are either shown by the text (a passage quoted, as
# any evidence) or the editor's, saying where from; a reader is told which.
QUOTE_OR_EDITOR = ExactlyOne(
    ("quote", "from_editor"),
    neither="neither quote nor from_editor: quote the passage of the article's text that shows it (quote: …), or, "
    "where the text does not show it, say where you took it from "
    '(from_editor: "the publisher\'s page, seen 2025-08-17")',
    both="quote and from_editor together: a value the text shows is evidenced by its quote; delete from_editor, "
    "or delete quote if the passage does not show the value",
)
_META_QUOTE = "The passage of the text that shows it; where the text does not, leave it out and give from_editor."
_FROM_EDITOR = (
    "Only where the text does not show it: where the editor took it from, e.g. 'the publisher's page, seen "
    "2025-08-17'. Pages show the value marked as the editor's, never as evidence."
)


@dataclass(frozen=True, kw_only=True)
class TitleField:
    """The article's headline, with the passage of the text that shows it, or where the editor took it from."""

    EXACTLY_ONE: ClassVar[ExactlyOne] = QUOTE_OR_EDITOR
    text: Line = doc("The headline as printed.")
    quote: Quote | None = doc(_META_QUOTE, default=None)
    from_editor: FromEditor | None = doc(_FROM_EDITOR, default=None)


@dataclass(frozen=True, kw_only=True)
class PublisherField:
    """Who published the article, with the passage of the text that shows it, or where the editor took it from."""

    EXACTLY_ONE: ClassVar[ExactlyOne] = QUOTE_OR_EDITOR
    record: Annotated[str, Ref("institution")] = doc("Id of the publishing institution.")
    quote: Quote | None = doc(_META_QUOTE, default=None)
    from_editor: FromEditor | None = doc(_FROM_EDITOR, default=None)


@dataclass(frozen=True, kw_only=True)
class PublishedField:
    """When the article was published, with the passage of the text that shows it, or where the editor took it from."""

    EXACTLY_ONE: ClassVar[ExactlyOne] = QUOTE_OR_EDITOR
    date: Annotated[str, PartialDate()] = doc("Publication date to the precision known.")
    quote: Quote | None = doc(_META_QUOTE, default=None)
    from_editor: FromEditor | None = doc(_FROM_EDITOR, default=None)


SourceMeta = TitleField | PublisherField | PublishedField


@dataclass(frozen=True, kw_only=True)
class Source:
    """A news article, kept verbatim as a text file under seeds/."""

    KIND: ClassVar[str] = "source"
    id: Id = doc("The record's id; equals the file name without .yaml.")
    file: Line = doc("Path of the article text from the repository root, under seeds/.")
    label: Line = doc(
        "A short editorial name for the article, used where its title is unknown. "
        "Say what is unknown rather than guess."
    )
    short: Line | None = doc(
        "The name links, tags and column heads give the article, e.g. 'The Independent'. Leave it out "
        "to use the publisher's name, or else the label up to its first bracket.",
        default=None,
    )
    title: TitleField | None = doc(
        "The headline: with the passage that shows it, or marked as the editor's; leave it out where unknown.",
        default=None,
    )
    publisher: PublisherField | None = doc(
        "The publisher: with the passage that shows it, or marked as the editor's; leave it out where unknown.",
        default=None,
    )
    published: PublishedField | None = doc(
        "The publication date: with the passage that shows it, or marked as the editor's; relative dates "
        "('on Friday') are resolved against it. Leave it out where unknown.",
        default=None,
    )
    url: Annotated[str | None, Url()] = doc(
        "Address of the article online, if known; pages mark it as the editor's unless the text prints it.",
        default=None,
    )
    furniture: tuple[Furniture, ...] = doc(
        "Page furniture in the text: shown de-emphasised and never accepted as evidence.", default=()
    )
    licence: Annotated[str, LICENCE] = doc("What the site may show of the article.", default="full-text")


@dataclass(frozen=True, kw_only=True)
class Person:
    """A person named in the coverage."""

    KIND: ClassVar[str] = "person"
    id: Id = doc("The record's id; equals the file name without .yaml.")
    name: Line = doc("Full name as the articles give it.")
    aliases: tuple[Line, ...] = doc("Other names the articles use (surname, title, nickname).", default=())
    description: Line = doc("One line saying who this is, drawn from the articles.")
    relations: tuple[Relation, ...] = doc("Roles and ties to other records, each with citations.", default=())
    citations: Annotated[tuple[Citation, ...], MinItems(1)] = doc("Passages that name or describe the person.")


@dataclass(frozen=True, kw_only=True)
class Institution:
    """An institution, government body, court or publication named in the coverage."""

    KIND: ClassVar[str] = "institution"
    id: Id = doc("The record's id; equals the file name without .yaml.")
    name: Line = doc("Name as the articles give it.")
    aliases: tuple[Line, ...] = doc("Other names the articles use.", default=())
    category: Annotated[str, CATEGORY] = doc("What sort of institution this is.")
    description: Line = doc("One line saying what this is, drawn from the articles.")
    relations: tuple[Relation, ...] = doc("Ties to other records, each with citations.", default=())
    citations: tuple[Citation, ...] = doc(
        "Passages that name or describe it; at least one, but for a publisher that no article names "
        "(it is on the site as the publisher of its sources, as the editor gave it).",
        default=(),
    )


@dataclass(frozen=True, kw_only=True)
class Account:
    """How one source tells a claim: who claims it, who reports it, when, in which words."""

    source: Annotated[str, Ref("source")] = doc("Id of the source article.")
    claimed_by: Voice = doc(
        "Who asserts the statement, as this source tells it: 'the article' where it says so in its own "
        "voice; otherwise the claimants, as ids or {unnamed: …} (e.g. [dmitry-peskov]). A claimant "
        "asserts it; a reporter passes it on; a subject is what it is about (see 'about').",
        hint="write 'claimed_by: the article' where the article says it in its own voice, "
        "or list who claims it, e.g. 'claimed_by: [dmitry-peskov]'",
    )
    reported_by: tuple[Party, ...] = doc(
        "Whom the article credits with reporting it, nearest first (e.g. [reuters]): the chain between the "
        "article and the claimant. Leave it out where the article reports it itself.",
        default=(),
    )
    when: When | None = doc("When the claim was made or the event happened, as this source words it.", default=None)
    detail: Line | None = doc(
        "What only this source adds to the statement (e.g. 'for nearly three hours, at a U.S. military base'): "
        "the statement holds only what every account supports.",
        default=None,
    )
    quotes: Annotated[tuple[Passage, ...], MinItems(1)] = doc("Passages of this source that carry the claim.")

    @property
    def own_voice(self) -> bool:
        return isinstance(self.claimed_by, str)

    @property
    def claimants(self) -> tuple[Party, ...]:
        """The claimants named; none where the article states it in its own voice."""
        return () if isinstance(self.claimed_by, str) else self.claimed_by


@dataclass(frozen=True, kw_only=True)
class Claim:
    """A statement made or reported in the coverage, told by one or more sources."""

    KIND: ClassVar[str] = "claim"
    id: Id = doc("The record's id; equals the file name without .yaml.")
    statement: Line = doc("The claim in neutral words, without taking a side.")
    status: Annotated[str, STATUS] = doc("Where the claim stands in the sources.")
    about: tuple[Annotated[str, Ref("person", "institution", "claim", "number")], ...] = doc(
        "Records the claim is about.", default=()
    )
    counter_claims: tuple[Annotated[str, Ref("claim")], ...] = doc(
        "Claims in the sources that contradict or deny this one.", default=()
    )
    accounts: Annotated[tuple[Account, ...], MinItems(1)] = doc(
        "One entry per source that tells the claim, so that differences show side by side."
    )
    hedge_left_out: Line | None = doc(
        "Why the statement leaves out a hedge its quotes carry ('allegedly', 'credible reports', 'seem'…), "
        "where it does; the check asks for this rather than let a hedge go silently.",
        default=None,
    )


@dataclass(frozen=True, kw_only=True)
class Measure:
    """Something that figures count; numbers measuring the same thing share one."""

    KIND: ClassVar[str] = "measure"
    id: Id = doc("The record's id; equals the file name without .yaml.")
    label: Line = doc("What is measured, e.g. 'Ukrainian children taken to Russia'.")
    description: Line = doc("One line on what the figures for this measure count.")


@dataclass(frozen=True, kw_only=True)
class NumberRecord:
    """A figure given in the coverage, with its qualifier kept."""

    KIND: ClassVar[str] = "number"
    id: Id = doc("The record's id; equals the file name without .yaml.")
    label: Line = doc("A short name for the figure, e.g. 'Children deported, verified by Ukraine'.")
    value: Annotated[Decimal | None, Number()] = doc(
        "The value as a plain number, exact or approximate ('nearly 19,500'); leave it out for 'thousands' "
        "and for a range or a bound (low, high).",
        default=None,
    )
    low: Annotated[Decimal | None, Number()] = doc(
        "The lower end as a plain number: with high, a range ('200,000–300,000'); alone, a lower bound "
        "('over 20,000'). The qualifier's words say whether the number itself counts: 'at least' includes it, "
        "'over' does not.",
        default=None,
    )
    high: Annotated[Decimal | None, Number()] = doc(
        "The upper end as a plain number: with low, a range; alone, an upper bound ('up to 150,000'), "
        "its qualifier saying whether the number itself counts.",
        default=None,
    )
    qualifier: Line | None = doc(
        "The article's qualifying words, kept: 'nearly', 'over', 'up to', 'tens of thousands'. A bound needs them.",
        default=None,
    )
    unit: Line = doc("What one unit is, e.g. 'children', 'hours'.")
    counts: Line = doc("What exactly the figure counts.")
    measure: Annotated[str | None, Ref("measure")] = doc(
        "Id of the measure, so that figures of the same thing show side by side.", default=None
    )
    as_of: When | None = doc("The date the figure refers to, as the article words it.", default=None)
    stated_by: tuple[Party, ...] = doc("Who gives the figure, according to the article.", default=())
    citations: Annotated[tuple[Citation, ...], MinItems(1)] = doc("Passages that give the figure.")
    hedge_left_out: Line | None = doc(
        "Why what the figure counts leaves out a hedge its passages carry ('allegedly', 'likely'…), where it does.",
        default=None,
    )


Record = Source | Person | Institution | Claim | Measure | NumberRecord


@dataclass(frozen=True)
class KindInfo:
    """How a record kind is stored and published."""

    name: str
    cls: type
    folder: str  # under facts/, and the URL prefix of its pages
    singular: str
    plural: str
    label_field: str  # the human label in facts.json and page titles
    has_pages: bool = True


KINDS: dict[str, KindInfo] = {
    k.name: k
    for k in (
        KindInfo("source", Source, "sources", "Source", "Sources", "title"),
        KindInfo("person", Person, "people", "Person", "People", "name"),
        KindInfo("institution", Institution, "institutions", "Institution", "Institutions", "name"),
        KindInfo("claim", Claim, "claims", "Claim", "Claims", "statement"),
        KindInfo("number", NumberRecord, "numbers", "Number", "Numbers", "label"),
        # Measures group numbers; they are shown on the numbers pages, not on their own.
        KindInfo("measure", Measure, "measures", "Measure", "Measures", "label", has_pages=False),
    )
}
KIND_BY_FOLDER = {k.folder: k for k in KINDS.values()}
