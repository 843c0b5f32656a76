"""English phrase banks for the gdasfs-style demo site: an industrial technology institute's English news.

Pure data. Part of the offline demo (``sitekit/demo``): model -> compose -> these banks. The style follows
the real seed article (visits, cooperation, incubation; Chinese info line, "(Article by: ...)" line).
"""

from __future__ import annotations

# the institute whose gdasfs-style English site shows these stories
from newsarchive.sitekit.cms.gdasfs_chrome import INSTITUTE as INSTITUTE
from newsarchive.sitekit.cms.gdasfs_chrome import INSTITUTE_SHORT as INSTITUTE_SHORT
from newsarchive.sitekit.cms.gdasfs_chrome import INSTITUTE_ZH as INSTITUTE_ZH

ACADEMY = "Lingnan Academy of Sciences"

PEOPLE = (
    "Chen Weiming",
    "Liang Zhiqiang",
    "Huang Xiaoyan",
    "Lin Guohua",
    "Zhou Jianping",
    "Wu Haitao",
    "Li Shufen",
    "Zheng Kaiwen",
    "Tan Yuhong",
    "Ou Jiarong",
    "Feng Lixia",
    "Deng Yongsheng",
    "Xie Qiuping",
    "Ye Zhenhua",
)
INST_ROLES = (
    "President of Jiangmen Institute",
    "Vice President of Jiangmen Institute",
    "Secretary of the Party Committee of Jiangmen Institute",
    "Deputy Director of the Technology Transfer Center",
)
FOREIGN_VISITORS = (
    ("Andrei Kovalenko", "Consul General of the Consulate General of Belarus in Guangzhou", "Belarus"),
    ("Thomas Brenner", "Head of the Fraunhofer Project Center for Smart Manufacturing", "Germany"),
    (
        "Somchai Rattanakorn",
        "Deputy Director of the National Science and Technology Development Agency",
        "Thailand",
    ),
    ("Olga Ivanova", "Vice Rector of Peter the Great St. Petersburg Polytechnic University", "Russia"),
    ("Marco Bellini", "Director of the Italian Trade Agency Guangzhou Office", "Italy"),
    ("Nurlan Abenov", "Vice President of the National Academy of Sciences of Kazakhstan", "Kazakhstan"),
)
OFFICIALS = (
    ("Zhang Hongbo", "Vice Mayor of Jiangmen"),
    ("Wen Jiahui", "Director of Jiangmen Municipal Science and Technology Bureau"),
    ("Guo Peilin", "Deputy Director of the Department of Science and Technology of Guangdong Province"),
    ("He Ruoxi", "Secretary of the Party Working Committee of Jiangmen High-tech Zone"),
)
PARTNERS = (
    "Jiangmen Wuyi University",
    "South China University of Technology",
    "Guangdong Ocean University",
    "Jiangmen High-tech Industrial Development Zone",
    "Xinhui District People's Government",
    "Guangdong Kinlong Hardware Products Co., Ltd.",
    "Jiangmen Zhongke Laser Technology Co., Ltd.",
    "Heshan Industrial City Management Committee",
)
FIELDS = (
    "intelligent manufacturing",
    "new materials",
    "electronic information",
    "bio-health",
    "new energy vehicles",
    "precision machining",
    "marine equipment",
)
ENTERPRISES = (
    "Jiangmen Lumen Photonics Co., Ltd.",
    "Guangdong Xinrui Intelligent Equipment Co., Ltd.",
    "Jiangmen Bluewave Membrane Technology Co., Ltd.",
    "Heshan Tianyi Precision Mould Co., Ltd.",
    "Guangdong Yuehai Biotech Co., Ltd.",
    "Taishan Huanan Marine Equipment Co., Ltd.",
)
TECHNOLOGIES = (
    "laser cladding",
    "industrial machine vision",
    "high-performance membrane separation",
    "precision injection moulding",
    "power battery recycling",
    "functional coatings for ceramics",
    "marine anti-corrosion materials",
    "collaborative robots for small-batch production",
)
EVENTS = (
    "China (Jiangmen) Overseas Chinese Innovation Fair",
    "Guangdong-Hong Kong-Macao Technology Transfer Week",
    "Jiangmen Science and Technology Achievement Matching Conference",
    "China Hi-Tech Fair in Shenzhen",
)
AWARDS = (
    "Second Prize of the Guangdong Science and Technology Progress Award",
    "Gold Award of the Guangdong Patent Award",
    "First Prize of the Jiangmen Science and Technology Award",
    "title of Guangdong Provincial Engineering Technology Research Center",
)
DEPARTMENTS = (
    "Integrated Management Department",
    "Technology Transfer Center",
    "Research Management Department",
    "International Cooperation Office",
    "Party and Mass Work Department",
)
SOURCES_ZH = (INSTITUTE_ZH, "岭南科学院", "江门市科学技术局", "岭南科学院国际合作处")

# kind -> ((title template, (opening alternatives...)), ...)
VISIT_OPENINGS = (
    'On {date_en}, {visitor_name}, {visitor_role}, and a delegation visited {inst} ("{inst_short}") to '
    "exchange "
    "ideas on cooperation in {field} and {field2}. {inst_person}, {inst_role}, received the delegation.",
    "On {date_en}, a delegation led by {visitor_name}, {visitor_role}, paid a visit to {inst} "
    '("{inst_short}"). '
    "{inst_person}, {inst_role}, and heads of relevant departments accompanied the visit.",
)
STORIES = {
    "visit": (
        ("{visitor_role} Visited {inst_short}", VISIT_OPENINGS),
        ("{visitor_name}, {visitor_role}, Visited {inst}", VISIT_OPENINGS),
        ("{official_role} {official} Visited {inst_short} for Research and Guidance", VISIT_OPENINGS),
        (
            "Delegation from {country} Visited {inst_short} to Explore Cooperation in {field_title}",
            VISIT_OPENINGS,
        ),
    ),
    "cooperation": (
        (
            "{inst_short} Signed a Strategic Cooperation Agreement with {partner}",
            (
                'On {date_en}, {inst} ("{inst_short}") and {partner} signed a strategic cooperation '
                "agreement in "
                "Jiangmen. {inst_person}, {inst_role}, and the head of {partner} signed the agreement on "
                "behalf of both "
                "parties.",
            ),
        ),
        (
            "{inst_short} and {partner} Jointly Established a Research Center for {tech_title}",
            (
                "On {date_en}, the unveiling ceremony of the joint research center for {tech} set up by "
                "{inst_short} and "
                "{partner} was held at {inst_short}. {inst_person}, {inst_role}, and the head of {partner} "
                "unveiled the "
                "plaque together.",
            ),
        ),
        (
            "{partner} and {inst_short} Held a Work Meeting on Industry-Research Cooperation",
            (
                "On {date_en}, {inst_short} and {partner} held a work meeting on industry-research "
                "cooperation to review the "
                "progress of joint projects and plan the work for the coming year. {inst_person}, "
                "{inst_role}, attended "
                "the meeting.",
            ),
        ),
    ),
    "incubation": (
        (
            "{enterprise}, an Enterprise Incubated by {inst_short}, Completed a New Round of Financing",
            (
                'Recently, {enterprise}, an enterprise incubated by {inst} ("{inst_short}"), completed a new '
                "round of "
                "financing of {money} million yuan, which will be used to expand its production line for "
                "{tech}.",
            ),
        ),
        (
            "{inst_short} Held a Technology Roadshow on {tech_title}",
            (
                'On {date_en}, {inst} ("{inst_short}") held a technology roadshow on {tech}, attracting '
                "investors, "
                "entrepreneurs and researchers from the Guangdong-Hong Kong-Macao Greater Bay Area.",
            ),
        ),
        (
            "Incubated Enterprise of {inst_short} Recognized as a National High-tech Enterprise",
            (
                'Recently, {enterprise}, an enterprise incubated by {inst} ("{inst_short}"), was recognized '
                "as a "
                "National High-tech Enterprise, a label that brings tax relief and access to dedicated "
                "funding.",
            ),
        ),
    ),
    "event": (
        (
            "{inst_short} Showcased Its Achievements at the {event}",
            (
                'From {date_en}, {inst} ("{inst_short}") took part in the {event}, displaying achievements '
                "in {tech}, "
                "{field} and other fields.",
            ),
        ),
        (
            "{inst_short} Attended the {event}",
            (
                'On {date_en}, a team from {inst} ("{inst_short}") led by {inst_person}, {inst_role}, '
                "attended the "
                "{event} and set up a booth presenting its research platforms and services.",
            ),
        ),
        (
            "{inst_short} Held a Training Course on {tech_title} for Local Enterprises",
            (
                'On {date_en}, {inst} ("{inst_short}") held a training course on {tech} for technicians from '
                "more than "
                "{count} local enterprises.",
            ),
        ),
    ),
    "award": (
        (
            "{inst_short} Won the {award}",
            (
                'Recently, the results of the {year} {award_short} were announced. The project "Key '
                "Technologies and "
                'Applications of {tech_title}" led by {inst} ("{inst_short}") won the {award}.',
            ),
        ),
        (
            "Research Team of {inst_short} Won the {award} for Its Work on {tech_title}",
            (
                'Good news came recently that the research team of {inst} ("{inst_short}") won the {award} '
                "for its "
                "work on {tech}.",
            ),
        ),
    ),
}

# kind -> slots after the opening; each slot offers alternatives
PARAGRAPHS = {
    "visit": (
        (
            "{inst_person} expressed a warm welcome to the delegation and introduced the general situation "
            "of {inst_short} "
            "in carrying out industrial technology innovation and promoting the incubation of scientific and "
            "technological "
            "achievements with enterprises in {field}, {field2} and other fields, based on the needs of "
            "local industry "
            "and relying on the advantages of {academy} in technology and talents.",
            "During the meeting, {inst_person} briefed the guests on the development of {inst_short}, its "
            "research "
            "platforms, its talent team and its work in serving local industry, especially in {tech}. Since "
            "its "
            "founding, the institute has served more than {count} enterprises and built {signed} shared "
            "technology "
            "platforms.",
        ),
        (
            "{visitor_name} spoke highly of the achievements of {inst_short} in linking research results "
            "with the needs of "
            "enterprises. The guest said that {country_or_city} attaches great importance to cooperation "
            "with {academy}, "
            "and hoped that both sides would identify more opportunities for joint research and personnel "
            "exchange.",
            "{visitor_name} said that the visit had given a deeper understanding of the innovation ecosystem "
            "in Jiangmen, "
            "and expressed the hope for practical cooperation in {tech} and in the training of young "
            "engineers.",
        ),
        (
            "The two sides also discussed the next steps for cooperation, including joint applications for "
            "research "
            "projects, the exchange of young researchers and the organization of a technology matching event "
            "for "
            "enterprises from both sides.",
            "Both sides agreed to set up a regular communication mechanism, to share information on "
            "technology needs and "
            "to promote the implementation of cooperation projects as soon as possible.",
        ),
        (
            "{inst_person} said that {inst_short} will take this visit as an opportunity to strengthen "
            "exchanges, "
            "introduce advanced technologies and talents, and provide more technical support for enterprises "
            "going "
            "abroad.",
            "{inst_person} said that the institute is willing to open its laboratories and pilot platforms "
            "to partners "
            "and to work together on projects with clear industrial prospects.",
        ),
        (
            "The delegation then visited the {tech} laboratory of {inst_short} and the showroom of "
            "{enterprise}, "
            "an enterprise incubated by {inst_short}.",
            "After the meeting, the delegation visited the pilot production line and the public testing "
            "platform of "
            "{inst_short}.",
        ),
    ),
    "cooperation": (
        (
            "According to the agreement, the two sides will carry out in-depth cooperation in {field}, "
            "{tech}, talent "
            "training and the transformation of scientific and technological achievements, and will jointly "
            "build an "
            "open innovation platform serving enterprises in the region.",
            "The two sides will focus on common key technologies in {tech}, and will provide testing, "
            "pilot-scale "
            "verification and technical consulting services for small and medium-sized enterprises.",
        ),
        (
            "{inst_person} said that {inst_short} will give full play to the advantages of {academy} in "
            "technology and "
            "talents, and will work with {partner} to turn more research results into real productivity.",
            "{inst_person} said that cooperation between research institutes and industry is the key to "
            "solving the "
            "problem of research results staying in the laboratory.",
        ),
        (
            "The representative of {partner} said that the cooperation would help solve practical technical "
            "problems "
            "in production and improve the core competitiveness of local industry.",
            "The head of {partner} said that the two sides have a good foundation for cooperation and hoped "
            "to see the "
            "first results within a year.",
        ),
        (
            "The two sides also held a symposium on the first batch of cooperation projects and agreed on a "
            "work plan for "
            "the coming year, including regular meetings and joint training of engineers.",
            "More than {count} representatives from government departments, universities and enterprises "
            "attended the "
            "event.",
        ),
    ),
    "incubation": (
        (
            "Founded in {found_year} with the technical support of {inst_short}, {enterprise} has developed "
            "a series of "
            "products based on {tech} and has obtained {count} authorized patents.",
            "Five research teams presented their projects, covering {tech}, {field} and related "
            "applications, and "
            "discussed market prospects and financing plans with investors.",
        ),
        (
            "{inst_person}, {inst_role}, said that {inst_short} has built a complete incubation chain from "
            "laboratory "
            "research to pilot production and market promotion, and has incubated more than {count} "
            "technology "
            "enterprises.",
            "{inst_person}, {inst_role}, said that the institute would continue to improve its services for "
            "incubated "
            "enterprises, including shared equipment, investment matching and talent recruitment.",
        ),
        (
            "Over the past year, enterprises in the incubator of {inst_short} achieved a combined revenue of "
            "more than "
            "{money} million yuan, and several of them have become suppliers to leading manufacturers in the "
            "region.",
            "Investors at the event said that projects with solid technology and clear application scenarios "
            "are "
            "attractive, and several expressed interest in follow-up talks.",
        ),
        (
            "The next step is to support more enterprises in entering the capital market and to promote the "
            "agglomeration of high-tech industries in Jiangmen.",
            "The event was co-organized by the Jiangmen Municipal Science and Technology Bureau.",
        ),
    ),
    "event": (
        (
            "At the booth, researchers introduced the technical features and application cases of the "
            "exhibits to "
            "visitors, and several enterprises expressed interest in cooperation.",
            "Experts from {inst_short} and {partner} explained the principles, process parameters and "
            "typical "
            "applications of {tech}, and answered questions raised by the participants.",
        ),
        (
            "The exhibits included a demonstration line for {tech}, samples of products developed with "
            "partner "
            "enterprises and an introduction to the testing and certification services of {inst_short}.",
            "The course combined lectures with practical sessions in the laboratory, so that participants "
            "could operate "
            "the equipment under the guidance of engineers.",
        ),
        (
            "During the event, {inst_short} signed {signed} cooperation agreements with enterprises, with a "
            "total contract "
            "value of more than {money} million yuan.",
            "The participants said that the event was practical and helpful for solving problems encountered "
            "in "
            "production.",
        ),
        (
            "{inst_person}, {inst_role}, said that the institute would continue to use such platforms to "
            "promote the "
            "transfer of research results to industry.",
            "The institute plans to hold similar activities every quarter.",
        ),
    ),
    "award": (
        (
            "Led by {inst_person}, the research team has worked on {tech} for more than ten years and has "
            "solved a number "
            "of key technical problems, including process stability, cost control and large-scale "
            "manufacturing.",
            "The project broke through several technical bottlenecks in {tech}, and its results have been "
            "applied in "
            "more than {count} enterprises.",
        ),
        (
            "The results have brought significant economic and social benefits, with new output value of "
            "more than "
            "{money} million yuan in the past three years.",
            "The team has obtained {count} invention patents and formulated three industry standards.",
        ),
        (
            "The award is a recognition of the institute's long-term work in serving local industry. "
            "{inst_short} will "
            "continue to focus on the major needs of regional industry and strive for more achievements.",
            "{inst_person} said that the award would encourage the team to make further progress.",
        ),
    ),
}

CAPTIONS = (
    "Group photo of the delegation",
    "The meeting scene",
    "Visiting the laboratory",
    "The signing ceremony",
    "Researchers introducing the exhibits",
    "The training course",
)
# Kind-neutral material for stage-2 edits: appended to a paragraph, or inserted as a new paragraph.
EDIT_SENTENCES = (
    "Further details will be released on this website.",
    "(Figures in this paragraph were updated on request of the organizers.)",
    "The institute will report on the progress in due course.",
)
EDIT_PARAGRAPHS = (
    "Correction: an earlier version of this article gave a wrong figure in the third paragraph.",
    "Photos are available from the Integrated Management Department on request.",
    "Follow-up activities will be announced on this website.",
)
TYPOS = (
    ("Institute", "Insitute"),
    ("Cooperation", "Cooperaton"),
    ("Visited", "Visted"),
    ("Signed", "Singed"),
    ("Technology", "Techology"),
    ("Agreement", "Agreemnet"),
    ("Delegation", "Delagation"),
    ("Held", "Hled"),
    ("Research", "Reserach"),
    ("Enterprise", "Enterprize"),
    ("Award", "Awrad"),
)
