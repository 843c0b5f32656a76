"""English phrase banks for the Drupal-style demo newsroom: an ecology institute's press releases.

Pure data. Part of the offline demo (``sitekit/demo``): model -> compose -> these banks.
"""

from __future__ import annotations

# the institute whose Drupal newsroom shows these stories
from newsarchive.sitekit.cms.drupal_chrome import ACADEMY as ACADEMY
from newsarchive.sitekit.cms.drupal_chrome import INSTITUTE as INSTITUTE
from newsarchive.sitekit.cms.drupal_chrome import INSTITUTE_SHORT as INSTITUTE_SHORT

AUTHORS = (
    "Li Wen",
    "Zhang Mingyu",
    "Sarah Collins",
    "Huang Jiayi",
    "Daniel Okafor",
    "Liu Xin",
    "Emma Lindqvist",
    "Chen Yutong",
    "Rafael Moreno",
    "Wang Siqi",
)
SCIENTISTS = (
    ("Prof.", "Xu Haoran"),
    ("Dr.", "Yang Lu"),
    ("Prof.", "Peng Zhiwei"),
    ("Dr.", "Mei Tanaka"),
    ("Prof.", "Gao Yanling"),
    ("Dr.", "Ahmed Rahman"),
    ("Prof.", "Su Jianxin"),
    ("Dr.", "Laura Fischer"),
    ("Prof.", "Kong Xiangdong"),
    ("Dr.", "Ye Qingqing"),
)
# subject, place, finding, method, implication, metric
TOPICS = (
    (
        "mangrove carbon storage",
        "the Pearl River Estuary",
        "restored mangroves store carbon almost as fast as mature forests",
        "combining sediment cores with 20 years of satellite imagery",
        "coastal restoration can deliver climate benefits within a decade",
        "about 6.2 tonnes of carbon per hectare per year",
    ),
    (
        "microplastics in river sediments",
        "the West River",
        "tyre wear particles make up a large share of microplastics",
        "sampling 48 sites and analysing particles with infrared spectroscopy",
        "urban runoff deserves more attention in plastic control",
        "up to 3,400 particles per kilogram of sediment",
    ),
    (
        "urban heat islands",
        "Guangzhou and Foshan",
        "green roofs cool surrounding streets more than expected",
        "deploying 120 low-cost temperature sensors across both cities",
        "small green spaces can reduce heat stress in dense districts",
        "a daytime cooling of 1.8 degrees Celsius",
    ),
    (
        "freshwater fish diversity",
        "the Dongjiang basin",
        "native fish recover quickly after small dams are removed",
        "surveying environmental DNA in water samples before and after dam removal",
        "river connectivity projects pay off fast",
        "a 40 per cent rise in native species detected",
    ),
    (
        "soil heavy metal remediation",
        "former mining areas in northern Guangdong",
        "a native fern removes cadmium efficiently",
        "running a three-year field trial on contaminated farmland",
        "low-cost phytoremediation is feasible for smallholders",
        "a 35 per cent drop in soil cadmium",
    ),
    (
        "coral reef resilience",
        "Daya Bay",
        "some coral colonies tolerate heat waves better after repeated stress",
        "tracking tagged colonies through three summer heat waves",
        "heat-tolerant corals could seed future restoration",
        "survival rates above 70 per cent",
    ),
    (
        "air pollution and plant health",
        "the Greater Bay Area",
        "ozone reduces the growth of common street trees",
        "measuring leaf damage on 2,000 trees along an ozone gradient",
        "tree species choice matters for urban greening",
        "growth losses of up to 15 per cent",
    ),
    (
        "wetland bird migration",
        "Mai Po and the Futian wetlands",
        "migratory shorebirds are arriving earlier each spring",
        "analysing 25 years of citizen-science bird counts",
        "wetland management calendars may need to change",
        "arrival dates advancing by two days per decade",
    ),
    (
        "antibiotic resistance genes in rivers",
        "the Pearl River Delta",
        "wastewater plants are hotspots of resistance genes",
        "sequencing water and biofilm samples from 30 treatment plants",
        "upgrading treatment could curb their spread",
        "gene abundance ten times higher downstream",
    ),
    (
        "groundwater nitrate pollution",
        "the Leizhou Peninsula",
        "fertiliser use explains most nitrate in village wells",
        "tracing nitrogen isotopes in 300 groundwater samples",
        "targeted fertiliser advice can protect drinking water",
        "nitrate above the safe limit in one well in five",
    ),
)
MORE_TOPICS = (
    (
        "seagrass meadows",
        "the coast of western Guangdong",
        "seagrass meadows are shrinking fastest near aquaculture ponds",
        "mapping meadows with drones and divers at 35 sites",
        "aquaculture planning should protect seagrass buffers",
        "a loss of 22 per cent of meadow area since 2015",
    ),
    (
        "forest soil carbon",
        "Dinghushan",
        "old-growth forest soils keep gaining carbon",
        "resampling soil plots first measured in 1979",
        "old forests remain carbon sinks for longer than thought",
        "a gain of 0.6 tonnes of carbon per hectare per year",
    ),
    (
        "urban stream invertebrates",
        "Shenzhen",
        "restored urban streams regain insect diversity within five years",
        "sampling invertebrates in 60 streams before and after restoration",
        "stream restoration brings wildlife back fast",
        "insect family richness rising by a third",
    ),
    (
        "estuarine salt intrusion",
        "the Modaomen waterway",
        "saltwater is reaching further upstream in dry seasons",
        "combining 30 years of salinity records with a hydrodynamic model",
        "water intakes may need to move upstream",
        "salt intrusion lengths up to 12 kilometres longer",
    ),
    (
        "pollinator decline",
        "farmland in the Pearl River Delta",
        "wild bees are scarcer on farms without hedgerows",
        "counting pollinators on 90 farms over two flowering seasons",
        "small habitat patches help farmers",
        "wild bee visits twice as frequent near hedgerows",
    ),
)
JOURNALS = (
    "Nature Sustainability",
    "Global Change Biology",
    "Environmental Science & Technology",
    "Water Research",
    "One Earth",
    "Science of the Total Environment",
    "Nature Communications",
    "PNAS",
)
PARTNERS = (
    "the University of Hong Kong",
    "Sun Yat-sen University",
    "the Helmholtz Centre for Environmental Research",
    "the University of Queensland",
    "the Guangdong Provincial Department of Ecology and Environment",
    "WWF China",
    "the Chinese University of Hong Kong",
    "Wageningen University",
)
SOURCES = (
    INSTITUTE,
    "PRIEE News Office",
    ACADEMY,
    "Department of Wetland Ecology, PRIEE",
    "Center for Environmental Data Science, PRIEE",
    "China Daily",
    "Xinhua",
)
EVENTS = (
    "the 2024 Greater Bay Area Ecology Forum",
    "a workshop on nature-based solutions for coastal cities",
    "the International Symposium on Estuarine Science",
    "the annual PRIEE Open Day",
    "a summer school on environmental data science",
    "a training course on wetland monitoring",
)
HONORS = (
    "the National Science Fund for Distinguished Young Scholars",
    "the Guangdong Youth May Fourth Medal",
    "a Humboldt Research Fellowship",
    "the Ramsar Wetland Conservation Award",
    "a Fellowship of the Royal Society of Biology",
)

DEPARTMENTS = (
    "the Department of Wetland Ecology",
    "the Center for Environmental Data Science",
    "the Laboratory of River Ecology",
    "the Division of Soil and Groundwater",
    "the Coastal Ecosystems Group",
)

RESEARCH_OPENINGS = (
    "A new study led by researchers at the {inst} ({inst_short}) shows that {finding}. The findings were "
    "published "
    "in {journal} on {date_en}.",
    "{finding_cap}, according to research by {inst_short} scientists published in {journal} on {date_en}.",
)
# kind -> ((title template, (opening alternatives...)), ...)
STORIES = {
    "research": (
        ("Study finds {finding}", RESEARCH_OPENINGS),
        ("Researchers shed new light on {subject} in {place}", RESEARCH_OPENINGS),
        ("New research: {subject} in {place}", RESEARCH_OPENINGS),
        ("{finding_cap}, {inst_short} scientists report", RESEARCH_OPENINGS),
        ("How {subject} is changing: new data from {place}", RESEARCH_OPENINGS),
        ("Long-term data reveal {finding}", RESEARCH_OPENINGS),
    ),
    "people": (
        (
            "{sci_title} {sci_name} receives {honor}",
            (
                "{sci_title} {sci_name} of {department} at {inst_short} has received {honor}, it was "
                "announced on "
                "{date_en}.",
            ),
        ),
        (
            "{sci_title} {sci_name} appointed head of {department}",
            (
                "{sci_title} {sci_name} has been appointed to lead {department}, the institute announced on "
                "{date_en}. "
                "The appointment takes effect immediately.",
            ),
        ),
    ),
    "event": (
        (
            "{inst_short} hosts {event}",
            (
                "More than {count} scientists, officials and students gathered at {inst_short} on {date_en} "
                "for {event}.",
            ),
        ),
        (
            "Scientists and policymakers meet at {event}",
            (
                "On {date_en}, {inst_short} hosted {event}, bringing together researchers, officials and "
                "practitioners from "
                "{count_orgs} institutions.",
            ),
        ),
        (
            "{inst_short} researchers share findings on {subject} at {event}",
            (
                "Researchers from {inst_short} presented new results on {subject} at {event}, held on "
                "{date_en}.",
            ),
        ),
    ),
    "collaboration": (
        (
            "{inst_short} and {partner} launch joint programme on {subject}",
            (
                "The {inst} and {partner} have agreed to launch a joint research programme on {subject}, "
                "with a signing "
                "ceremony held on {date_en}.",
            ),
        ),
        (
            "New partnership with {partner} to study {subject}",
            (
                "{inst_short} has signed a five-year partnership agreement with {partner} to study "
                "{subject}. The agreement "
                "was signed on {date_en}.",
            ),
        ),
    ),
}

# kind -> slots after the opening; each slot offers alternatives
PARAGRAPHS = {
    "research": (
        (
            "The team, led by {sci_title} {sci_name}, studied {subject} in {place} by {method}.",
            "To find out, {sci_title} {sci_name} and colleagues spent three years {method}.",
        ),
        (
            "{place_cap} is one of the most intensively studied landscapes in southern China, but until now "
            "long-term, "
            "site-level measurements of {subject} have been scarce.",
            "Previous studies of {subject} relied mostly on short campaigns or on models calibrated "
            "elsewhere, "
            "which made it hard to see trends.",
        ),
        (
            '"We were surprised by how clear the signal was," said {sci_name}. "The data show {metric}, '
            "which is far "
            'more than most models assume."',
            'The researchers measured {metric}. "This is a robust result," said {sci_name}, "and it holds '
            "across all "
            'the sites we looked at."',
        ),
        (
            "The team also checked whether the pattern could be explained by differences in weather, land "
            "use or "
            "sampling effort, and found that none of these factors changed the main result.",
            "Statistical models that accounted for season, site and year gave the same picture, the authors "
            "report.",
        ),
        (
            "The authors say the results suggest that {implication}. They now plan to extend the work to "
            "other parts of "
            "southern China.",
            "According to the team, the work shows that {implication}. Further studies with {partner} are "
            "under way.",
        ),
        (
            '"Decision-makers need numbers from real places, not only from models," said co-author '
            "{coauthor}. "
            '"We hope our data will be used in the next round of planning."',
            "Co-author {coauthor} said the next step is to make the monitoring network permanent, so that "
            "changes can be "
            "tracked year by year.",
        ),
        (
            "The research was supported by the National Natural Science Foundation of China and the "
            "Guangdong Basic and "
            "Applied Basic Research Foundation.",
            "The study was funded by the National Key R&D Program of China and the {academy}.",
        ),
    ),
    "people": (
        (
            "{sci_name} joined {inst_short} in {join_year} and is known for work on {subject}, including "
            "long-term "
            "field studies in {place}.",
            "{sci_name}'s research focuses on {subject}. Before joining {inst_short} in {join_year}, "
            "{sci_name} worked "
            "at {partner}.",
        ),
        (
            "Over the past decade, {sci_name}'s group has published more than 60 papers and trained more "
            "than 20 "
            "doctoral students, several of whom now lead their own groups.",
            "{sci_name} also chairs the institute's committee on field safety and coordinates its summer "
            "school.",
        ),
        (
            '"This recognition belongs to the whole team," said {sci_name}. "Field work in {place} is hard, '
            "and it "
            'depends on many people."',
            "\"I look forward to building on the group's strengths and to training the next generation of "
            'ecologists," '
            "said {sci_name}.",
        ),
        (
            "The institute's director congratulated {sci_name} and said the news reflected the growing "
            "international "
            "visibility of research at {inst_short}.",
            "{inst_short} currently has more than {count} research staff and postgraduate students.",
        ),
    ),
    "event": (
        (
            "Speakers discussed {subject}, data sharing between research groups, and how science can better "
            "inform "
            "environmental policy in the Greater Bay Area.",
            "Sessions covered {subject}, new monitoring methods and the role of local communities in "
            "conservation.",
        ),
        (
            "In the keynote lecture, {sci_title} {sci_name} presented recent results from {place}, showing "
            "that {finding}.",
            "{sci_title} {sci_name} opened the meeting with an overview of research on {subject} in {place}.",
        ),
        (
            "A panel of officials and researchers discussed how monitoring data could be shared more quickly "
            "with "
            "planning departments, and which indicators matter most for decisions.",
            "Early-career researchers presented posters, and three of them received awards for the best "
            "presentations.",
        ),
        (
            "The organisers plan to publish a summary of the discussions and to hold the event again next "
            "year.",
            "Presentations from the meeting will be made available to participants.",
        ),
    ),
    "collaboration": (
        (
            "The programme will support joint field campaigns in {place}, the exchange of doctoral students, "
            "and a shared "
            "open database.",
            "Under the agreement, the partners will share field stations, data and laboratory facilities.",
        ),
        (
            '"{place_cap} is an ideal natural laboratory," said {sci_title} {sci_name}, who will coordinate '
            "the programme "
            "at {inst_short}.",
            '"Working together lets us answer questions neither of us could tackle alone," said {sci_name}.',
        ),
        (
            "The partners will also organise an annual workshop and a summer school, and will jointly "
            "supervise up to "
            "ten doctoral students.",
            "Funding for the first three years comes from both institutions and from a provincial programme "
            "for "
            "international cooperation.",
        ),
        (
            "The first joint projects are expected to start in the autumn.",
            "A first workshop for early-career researchers is planned for later this year.",
        ),
    ),
}

CAPTIONS = (
    "Field work in {place}.",
    "Researchers collecting samples in {place}.",
    "{sci_name} in the laboratory.",
    "Participants at {event}.",
)
# Kind-neutral material for stage-2 edits: appended to a paragraph, or inserted as a new paragraph.
EDIT_SENTENCES = (
    "(This sentence was clarified after publication.)",
    "More information is available from the PRIEE News Office.",
    "A Chinese version of this story is also available.",
)
EDIT_PARAGRAPHS = (
    "Update: photos from this story can now be downloaded from the PRIEE media kit.",
    "This story was updated to include additional comments.",
    "Correction: an earlier version of this story misspelled a name.",
)
TYPOS = (
    ("Researchers", "Reserachers"),
    ("Study", "Stuyd"),
    ("research", "reserach"),
    ("scientists", "scientsits"),
    ("receives", "recieves"),
    ("partnership", "parternship"),
    ("hosts", "hsots"),
    ("changing", "chaning"),
)
