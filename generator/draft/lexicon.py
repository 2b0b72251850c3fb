"""The words the drafting rules know: titles, common words that open a sentence, the words that
make a name an organisation, a party, an armed group, a government body, a medium or a place,
pronouns, and peoples' adjectives (demonyms)."""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """A set of words written as text, one or more per line."""
    return frozenset(text.split())


PARTICLES = word_set(
    """
    de del della der van von bin bint al el la le da di du dos das ibn ben
    """
)


# Words that are capitalised only because they start a sentence or a headline.
COMMON = word_set(
    """
    a an the this that these those there their they them then than thus this so such some any
    all both each every many most much more less few several other another no not none nor or
    and but if when while where whether which who whom whose what why how as at by for from in
    into of off on onto out over per since through to toward towards under until up upon via
    with within without after before during about above across against along among around behind
    below beneath beside besides between beyond despite except inside near outside past
    regardless unlike yet still also even just only already again ever never always often
    sometimes perhaps maybe meanwhile however moreover furthermore nevertheless instead indeed
    last next first second third later earlier today tonight yesterday tomorrow now here he she
    it we you i his her its our your my me us him is are was were be been being has have had do
    does did will would shall should can could may might must said says say according asked told
    added one two three four five six seven eight nine ten hundreds thousands millions analysts
    experts officials children footage critics supporters voters people sources residents
    witnesses police troops soldiers leaders members protesters observers lawmakers democrats
    republicans americans mr mrs ms dr sir madam yes well oh please thank thanks let let's like
    unless though although because once whenever wherever whatever whoever following including
    given based asked speaking writing reporting january february march april may june july
    august september october november december monday tuesday wednesday thursday friday saturday
    sunday
    """
)


# Titles and roles that come before a person's name.
TITLES = word_set(
    """
    president vice prime minister mr mr. mrs mrs. ms ms. dr dr. prof prof. professor sen sen.
    senator rep rep. representative congressman congresswoman gov gov. governor gen gen. general
    col col. colonel lt lt. lieutenant capt capt. captain sgt sgt. sergeant maj maj. major adm
    adm. admiral cmdr cmdr. commander secretary chancellor king queen prince princess pope judge
    justice mayor speaker chairman chairwoman chair director ambassador rev rev. reverend sir
    lord lady dame chief spokesman spokeswoman spokesperson sheikh ayatollah emir sultan marshal
    premier deputy foreign defence defense interior finance state attorney leader candidate
    nominee founder ceo executive officer analyst expert professor economist adviser advisor
    inspector moderator
    aide author journalist correspondent editor reporter host anchor actor actress singer coach
    father mother pastor bishop cardinal imam rabbi president-elect commissioner staff
    committeeman committeewoman
    madame madam
    """
)


# Words in an organisation's name, by the kind of actor they make it (and those of any kind).
MEDIA_WORDS = word_set(
    """
    times post journal news network media press telegraph tribune herald gazette magazine
    channel radio tv television broadcasting
    examiner observer chronicle inquirer courier dispatch bulletin monitor daily wire register
    """
)


PARTY_WORDS = word_set("party")


ARMED_WORDS = word_set("army navy force forces guard guards brigade battalion militia front corps")


GOV_WORDS = word_set(
    """
    ministry council committee agency department commission court senate congress house
    parliament assembly government administration cabinet kremlin pentagon embassy bureau
    authority office security legislature
    """
)


ORG_WORDS = (
    MEDIA_WORDS
    | PARTY_WORDS
    | ARMED_WORDS
    | GOV_WORDS
    | word_set(
        """
        union association bank university college school corp corp. inc inc. company organization
        organisation institute foundation campaign fund group police service center centre command
        movement alliance coalition league federation board reserve exchange club church tribunal
        consulate airlines airways motors holdings partners capital review initiative nations
    society pac enterprises industries technologies systems communications promotions research
    consulting solutions strategies labs associates llp ltd plc gmbh brands foods
    pharmaceuticals petroleum insurance securities investments ventures properties realty
    music brothers bros footwear apparel records studios pictures entertainment energy oil trust
    academy institution forum klan watch
        """
    )
)


PLACE_WORDS = word_set(
    """
    square river street avenue road boulevard hotel palace airport bridge mountain mountains
    mount sea ocean lake island islands province region county city valley base port harbour
    harbor bay gulf desert peninsula strait canal district quarter plaza park station border
    coast state beach east heights
    arena stadium restaurant cafe casino prison jail mall theater theatre auditorium cemetery campus resort
    shoal atoll reef gym zone
    rim states
    """
)


# The last word of a capitalised name that makes it a thing, not an actor: a day, a law, an
# event, a poll, a slogan's object, a photo credit ("Election Day", "Affordable Care Act").
THING_HEADS = word_set(
    """
    day days act acts law laws bill amendment treaty accord accords agreement deal summit
    conference convention debate debates election elections primary primaries marathon olympics
    games cup series festival award awards prize poll polls survey index plan policy doctrine
    strategy scandal case trial hearing speech address rally tour war wars crisis codes chat
    t-shirts shirts shirt hats tower towers pipeline building hall show eve wall development
    partnership bowl
    images photo photos video hour hours week weekend month year era season
    standards standard dream world text
    recession depression
    constitution enforcement
    """
)


# A name that is only a group of people, not a named actor ("Latino Republicans", "Jewish").
GROUP_WORDS = word_set(
    """
    republican republicans democrat democrats democratic conservative conservatives liberal
    liberals progressive progressives evangelical evangelicals american
    americans members scientists voters supporters officials leaders women men people muslims
    muslim christians christian jews jewish latinos latino latina hispanics hispanic immigrants
    catholics catholic millennials veterans students workers activists fathers islamic yorkers
    streeters
    """
)


# Words of a headline or a sentence, never of a name ("Cape Breton If Donald Trump Wins").
HEADLINE_WORDS = word_set(
    """
    if when is are was were will would can could should be has have had not no how why what who
    laughs blasts wins slams says calls celebrating highlight highlights posed unprotected make
    starring
    """
)


# Generic words that are no name by themselves ("the Department", "Company").
GENERIC_ONE_WORD = word_set(
    """
    department office company university college school agency ministry committee court
    government administration campaign party group tv brief union board institute foundation
    center centre service bureau commission council justice defense defence inc presidential
    television magazine convention
    """
)


KNOWN_MEDIA = word_set(
    """
    reuters ap afp cnn nbc abc cbs msnbc fox bbc politico axios bloomberg breitbart
    propublica buzzfeed huffpost npr pbs cnbc vox slate drudge forbes variety
    """
)


# Companies named without a company word, which the news names often.
KNOWN_COMPANIES = word_set(
    """
    twitter facebook google youtube instagram apple microsoft netflix uber airbnb wikileaks wikipedia
    reddit linkedin snapchat tiktok whatsapp telegram
    """
)


# Organisations and armed groups the news names without an organisation's word (casefolded).
KNOWN_ORGANISATIONS = frozenset(
    {
        "planned parenthood",
        "black lives matter",
        "citizens united",
        "greenpeace",
        "amnesty international",
        "human rights watch",
        "doctors without borders",
        "red cross",
        "red crescent",
        "opec",
        "interpol",
        "europol",
    }
)
KNOWN_ARMED_GROUPS = frozenset(
    {
        "hamas",
        "hezbollah",
        "hizbollah",
        "taliban",
        "al-qaeda",
        "al-qaida",
        "al qaeda",
        "boko haram",
        "al-shabaab",
        "al-shabab",
        "houthis",
        "wagner",
        "islamic state",
        "daesh",
    }
)


PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "they": "any", "it": "any"}


IRREGULAR_DEMONYMS = word_set(
    """
    british french chinese japanese dutch spanish swiss irish scottish welsh english danish
    swedish finnish polish turkish israeli iraqi iranian pakistani afghan saudi yemeni kuwaiti
    qatari emirati thai vietnamese burmese lebanese sudanese portuguese congolese greek filipino
    czech slovak kurdish arab arabic palestinian european african asian latin hispanic western
    eastern northern southern soviet
    """
)


REGIONS = frozenset({"korea", "america", "europe", "africa", "asia", "arabia", "kurdistan", "palestine"})


# The country of an irregular demonym (British: the United Kingdom), as the gazetteer names it.
DEMONYM_COUNTRIES = {
    "british": "united kingdom",
    "french": "france",
    "chinese": "china",
    "japanese": "japan",
    "dutch": "netherlands",
    "spanish": "spain",
    "swiss": "switzerland",
    "irish": "ireland",
    "danish": "denmark",
    "swedish": "sweden",
    "finnish": "finland",
    "polish": "poland",
    "turkish": "turkey",
    "israeli": "israel",
    "iraqi": "iraq",
    "iranian": "iran",
    "pakistani": "pakistan",
    "afghan": "afghanistan",
    "saudi": "saudi arabia",
    "yemeni": "yemen",
    "kuwaiti": "kuwait",
    "qatari": "qatar",
    "thai": "thailand",
    "vietnamese": "vietnam",
    "lebanese": "lebanon",
    "sudanese": "sudan",
    "portuguese": "portugal",
    "greek": "greece",
    "filipino": "philippines",
    "czech": "czechia",
}


def demonym(word: str, countries: frozenset[str]) -> bool:
    """Russian, Korean, Ukrainian, Italian, British: a people's adjective, not a name."""
    return word.lower() in IRREGULAR_DEMONYMS or demonym_of(word, countries) is not None


def demonym_of(word: str, countries: frozenset[str]) -> str | None:
    """The country (casefolded, as in `countries`) a people's adjective names, when it tells:
    Russian -> russia, British -> united kingdom; None for European, Arab or a non-demonym."""
    w = word.lower()
    if w in DEMONYM_COUNTRIES:
        return DEMONYM_COUNTRIES[w]
    for cut, add in ((1, ""), (2, "a"), (2, "o"), (2, ""), (3, "a"), (3, "e"), (3, "y"), (3, ""), (4, "a")):
        if (
            len(w) > cut + 2
            and w[-cut:] in ("n", "an", "ian", "ean", "ese", "ish", "i")
            and w[:-cut] + add in countries
        ):
            return w[:-cut] + add
    return None
