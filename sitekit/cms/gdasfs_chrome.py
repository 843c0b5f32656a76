"""The gdasfs-style English site's template: menus, side boxes with dates, highlights, footer, CSS, scripts.

Part of the gdasfs renderer: ``sitekit.cms.gdasfs`` frames listing and article content with it. The
institute is ``INSTITUTE`` (``INSTITUTE_SHORT``, in Chinese ``INSTITUTE_ZH``). Nothing here depends on the
content but the "Latest News" box, so unedited article pages stay byte-identical.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsarchive.sitekit.model import Article
from newsarchive.sitekit.pages import day, esc

INSTITUTE = "Jiangmen Industrial Technology Research Institute of Lingnan Academy of Sciences"
INSTITUTE_SHORT = "Jiangmen Institute"
INSTITUTE_ZH = "岭南科学院江门产业技术研究院"

ROOT = "/gdasfs/en"
NEWS = f"{ROOT}/News/News/"
MENU = (
    ("About Us", "AboutUs", ("Overview", "Leadership", "Organization", "History", "Contact Us")),
    (
        "Research",
        "Research",
        (
            "Intelligent Manufacturing",
            "New Materials",
            "Electronic Information",
            "Bio-health",
            "Testing and Certification Center",
            "Pilot Platforms",
        ),
    ),
    ("News", "News", ("News", "Notice", "Media Coverage", "Photo Gallery")),
    (
        "Cooperation",
        "Cooperation",
        ("International Cooperation", "Industry Cooperation", "Incubated Enterprises", "Joint Laboratories"),
    ),
    ("Talents", "Talents", ("Talent Team", "Join Us", "Postdoctoral Programme")),
    ("Contact", "Contact", ("Address", "Feedback")),
)
NOTICES = (
    ("Notice on the 2024 Open Day of Jiangmen Institute", "2024-05-22"),
    ("Call for Applications: 2024 Visiting Scholar Programme", "2024-05-08"),
    ("Recruitment of Postdoctoral Researchers in Intelligent Manufacturing", "2024-04-17"),
    ("Public Testing Platform Service Guide (2024 Edition)", "2024-03-29"),
    ("Notice on the Dragon Boat Festival Holiday", "2024-06-04"),
)
HOT = (
    ("Guangdong Academy Delegation Attends Hannover Messe", "2024-04-26"),
    ("Annual Report 2023 of Jiangmen Institute Released", "2024-03-15"),
    ("Jiangmen Institute Ranked Among Top Provincial New R&D Institutions", "2024-02-02"),
    ("Sino-Thai Joint Laboratory for Smart Agriculture Machinery Unveiled", "2023-12-19"),
    ("Jiangmen Institute Opens Public Testing Platform to SMEs", "2023-11-08"),
    ("Overseas Talents Innovation Week Held in Jiangmen", "2023-10-20"),
    ("Jiangmen Institute Hosts Greater Bay Area Robotics Forum", "2023-09-14"),
    ("Memorandum Signed with Kazan Federal University", "2023-08-03"),
)
PHOTOS = (
    "Laser cladding laboratory",
    "Pilot production line",
    "Public testing platform",
    "Incubator building",
    "Visitors at the Open Day",
    "International workshop",
)
HIGHLIGHTS = (
    (
        "Laser cladding repairs mould steel",
        "A new laser cladding process restores worn die-casting moulds to their original "
        "dimensions and doubles their service life, cutting replacement costs for local hardware makers.",
    ),
    (
        "Machine vision for ceramic tiles",
        "An inspection system trained on two million tile images finds surface defects at "
        "line speed and has been installed on eleven production lines in western Guangdong.",
    ),
    (
        "Membranes for textile wastewater",
        "Ceramic membranes developed with a Jiangmen enterprise recover more than 80 per cent "
        "of the water used in dyeing, reducing both water bills and discharge.",
    ),
    (
        "Recycling power batteries",
        "A pilot line for dismantling and sorting retired electric-vehicle batteries processes "
        "three thousand tonnes a year and recovers nickel, cobalt and lithium.",
    ),
    (
        "Corrosion protection at sea",
        "Coatings tested for two years at a marine exposure station off Taishan show half the "
        "corrosion of conventional systems on offshore steel structures.",
    ),
    (
        "Robots for small factories",
        "Low-cost collaborative robot cells let small workshops automate polishing and loading "
        "without rebuilding their production lines.",
    ),
)
SISTERS = (
    "Institute of New Materials",
    "Institute of Intelligent Manufacturing",
    "Institute of Microbiology",
    "Institute of Geography",
    "Institute of Zoology",
    "Institute of Bioengineering",
    "Institute of Chemical Engineering",
    "Institute of Resources Utilization and Rare Earth Development",
    "Institute of Semiconductors",
    "Institute of Analysis and Testing",
    "Institute of Industrial Economics",
    "Institute of Ecology and Environment",
    "Foshan Industrial Technology Research Institute",
    "Zhuhai Industrial Technology Research Institute",
    "Shaoguan Industrial Technology Research Institute",
    "Zhaoqing Industrial Technology Research Institute",
    "Heyuan Industrial Technology Research Institute",
    "Dongguan Industrial Technology Research Institute",
)
FRIENDS = (
    "Lingnan Academy of Sciences",
    "Department of Science and Technology of Guangdong Province",
    "Jiangmen Municipal People's Government",
    "Jiangmen Science and Technology Bureau",
    "Chinese Academy of Sciences",
    "National Natural Science Foundation of China",
    "Wuyi University",
    "South China University of Technology",
    "Guangdong Technology Transfer Center",
    "China Association for Science and Technology",
    "Guangdong-Hong Kong-Macao Greater Bay Area Portal",
    "Jiangmen High-tech Zone",
    "Fraunhofer-Gesellschaft",
    "National Academy of Sciences of Belarus",
    "Thailand NSTDA",
    "Hong Kong Productivity Council",
)
CSS = """
body{margin:0;padding:0;font-family:Arial,Helvetica,"Microsoft YaHei",sans-serif;font-size:14px;color:#333;background:#f5f6f8;}
a{color:#333;text-decoration:none;}a:hover{color:#c8161d;}ul,li{margin:0;padding:0;list-style:none;}img{border:0;}
.wrap{width:1200px;margin:0 auto;}.clear{clear:both;}.top{height:34px;line-height:34px;background:#1f3f77;color:#dfe6f2;font-size:12px;}
.top a{color:#dfe6f2;margin-left:14px;}.top .search{float:right;}.top .search input{height:20px;border:0;padding:0 6px;vertical-align:middle;}
.header{height:96px;background:#fff;}.logo{float:left;padding-top:16px;}.menu{float:right;}.menu>li{float:left;position:relative;}
.menu>li>a{display:block;height:96px;line-height:96px;padding:0 22px;font-size:16px;font-weight:bold;color:#1f3f77;}
.menu>li:hover>a,.menu>li.on>a{background:#1f3f77;color:#fff;}.menu .sub{display:none;position:absolute;left:0;top:96px;width:220px;background:#fff;z-index:20;box-shadow:0 4px 10px rgba(0,0,0,.15);}
.menu>li:hover .sub{display:block;}.menu .sub a{display:block;padding:10px 18px;border-bottom:1px solid #eee;}
.banner{height:220px;background:#1f3f77 url(/gdasfs/en/images/banner_news.png) no-repeat center;}
.main{padding:30px 0;}.side{float:left;width:260px;}.side .lm{height:64px;line-height:64px;background:#c8161d;color:#fff;font-size:22px;text-align:center;}
.side ul.sub li{border-bottom:1px solid #e5e5e5;background:#fff;}.side ul.sub li a{display:block;padding:14px 24px;}
.side ul.sub li.on a{color:#c8161d;font-weight:bold;border-left:4px solid #c8161d;}.side .box{margin-top:20px;background:#fff;padding:16px;}
.side .box h3{margin:0 0 10px;font-size:16px;color:#1f3f77;border-bottom:2px solid #1f3f77;padding-bottom:6px;}
.side .box li{padding:6px 0;border-bottom:1px dashed #ddd;line-height:20px;}.side .box li span{display:block;color:#999;font-size:12px;}
.content-box{float:right;width:910px;background:#fff;padding:24px 30px;box-sizing:border-box;}
.position{height:40px;line-height:40px;border-bottom:1px solid #e5e5e5;color:#666;margin-bottom:20px;}
.news_list li{height:44px;line-height:44px;border-bottom:1px dashed #ddd;padding-left:16px;background:url(/gdasfs/en/images/dot.png) no-repeat left center;}
.news_list li a{float:left;width:740px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;}.news_list li span{float:right;color:#999;}
.page{padding:30px 0 10px;text-align:center;color:#666;}.page a,.page span{display:inline-block;padding:4px 10px;margin:0 3px;border:1px solid #ddd;}
.article h2.title{font-size:24px;line-height:36px;text-align:center;color:#1f3f77;margin:10px 0;}
.article .info{text-align:center;color:#999;font-size:13px;padding-bottom:14px;border-bottom:1px solid #e5e5e5;}
.article .content{padding:20px 0;font-size:16px;line-height:28px;text-align:justify;}.article .content p{margin:0 0 16px;}
.article .attach{background:#f7f7f7;padding:10px 16px;}.article .share{padding:12px 0;border-top:1px solid #eee;color:#999;}
.article .prevnext{padding:12px 0;border-top:1px solid #eee;line-height:28px;}.footer{background:#1f3f77;color:#c9d3e6;padding:30px 0 20px;font-size:13px;}
.footer a{color:#c9d3e6;}.footer .cols{overflow:hidden;}.footer .col{float:left;width:200px;}.footer .col h4{color:#fff;margin:0 0 10px;}
.footer .col li{line-height:24px;}.footer .copy{border-top:1px solid #3a5a92;margin-top:20px;padding-top:16px;text-align:center;line-height:24px;}
.m-menu{display:none;}@media (max-width:768px){.wrap{width:auto;padding:0 10px;}.menu{display:none;}.m-menu{display:block;}
.side{display:none;}.content-box{float:none;width:auto;}.news_list li a{width:70%;}}
"""  # noqa: E501 (verbatim CSS/JS as real pages carry it)
SCRIPT = """
<script type="text/javascript">
/* tabs, scrolling photo box and back-to-top, as the site's common.js does */
(function(){function $(id){return document.getElementById(id);}
function tabs(nav,box){var n=$(nav),b=$(box);if(!n||!b)return;var hs=n.getElementsByTagName('li'),cs=b.children;
for(var i=0;i<hs.length;i++){(function(k){hs[k].onmouseover=function(){for(var j=0;j<hs.length;j++){hs[j].className=j==k?'on':'';
if(cs[j]){cs[j].style.display=j==k?'block':'none';}}};})(i);}}tabs('tabNav','tabBox');
var sc=$('photoScroll');if(sc){var ul=sc.getElementsByTagName('ul')[0],w=0,timer=null;if(ul){ul.innerHTML+=ul.innerHTML;
function move(){w-=1;if(-w>=ul.scrollWidth/2){w=0;}ul.style.marginLeft=w+'px';}timer=setInterval(move,30);
sc.onmouseover=function(){clearInterval(timer);};sc.onmouseout=function(){timer=setInterval(move,30);};}}
var top=$('backTop');if(top){window.onscroll=function(){var t=document.documentElement.scrollTop||document.body.scrollTop;
top.style.display=t>400?'block':'none';};top.onclick=function(){document.documentElement.scrollTop=document.body.scrollTop=0;};}
var lang=navigator.language||navigator.userLanguage||'';if(lang.toLowerCase().indexOf('zh')===0&&!sessionStorage.getItem('langTip')){
sessionStorage.setItem('langTip','1');var tip=$('langTip');if(tip){tip.style.display='block';}}
})();
</script>
<script type="text/javascript">
(function(){var f=document.getElementById('searchForm');if(f){f.onsubmit=function(){var k=document.getElementById('keyword');
if(!k.value||k.value=='Search'){alert('Please enter a keyword');return false;}return true;};}
var m=document.getElementById('mMenuBtn');if(m){m.onclick=function(){var n=document.getElementById('mMenu');
n.style.display=n.style.display=='block'?'none':'block';};}
var b=document.getElementById('fontBig'),s=document.getElementById('fontSmall'),c=document.getElementById('content');
if(b&&c){b.onclick=function(){c.style.fontSize='18px';return false;};}if(s&&c){s.onclick=function(){c.style.fontSize='14px';return false;};}
})();
</script>
<script type="text/javascript">
var _paq=window._paq=window._paq||[];_paq.push(['trackPageView']);_paq.push(['enableLinkTracking']);
(function(){var u="/gdasfs/stat/";_paq.push(['setTrackerUrl',u+'matomo.php']);_paq.push(['setSiteId','7']);})();
</script>
"""  # noqa: E501 (verbatim CSS/JS as real pages carry it)


def _slug(name: str) -> str:
    return "".join(w.capitalize() for w in name.replace("-", " ").split())


def menu_paths() -> dict[str, str]:
    """Section pages the menus link to: path -> name (the News column itself excluded)."""
    out = {f"{ROOT}/{key}/{_slug(sub)}/": sub for _, key, subs in MENU for sub in subs}
    out.pop(NEWS, None)
    return out


def menu(active: str) -> str:
    items = []
    for name, key, subs in MENU:
        on = ' class="on"' if key == active else ""
        links = "".join(f'<a href="{ROOT}/{key}/{_slug(s)}/">{esc(s)}</a>' for s in subs)
        items.append(
            f'<li{on}><a href="{ROOT}/{key}/{_slug(subs[0])}/">{esc(name)}</a><div '
            f'class="sub">{links}</div></li>'
        )
    mobile = "".join(
        f'<li><a href="{ROOT}/{key}/{_slug(s)}/">{esc(name)} - {esc(s)}</a></li>'
        for name, key, subs in MENU
        for s in subs
    )
    return (
        f'<ul class="menu"><li><a href="{ROOT}/">Home</a></li>{"".join(items)}</ul>'
        f'<div class="m-menu"><span id="mMenuBtn">Menu</span><ul id="mMenu" '
        f'style="display:none">{mobile}</ul></div>'
    )


def head(title: str, description: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta http-equiv="Content-Type" content="text/html; '
        'charset=utf-8" />\n'
        '<meta http-equiv="X-UA-Compatible" content="IE=edge" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        f"<title>{esc(title)}</title>\n"
        f'<meta name="keywords" content="{esc(INSTITUTE)}, {INSTITUTE_SHORT}, industrial technology, '
        f'Jiangmen" />\n'
        f'<meta name="description" content="{esc(description)}" />\n'
        f'<link rel="shortcut icon" href="{ROOT}/images/favicon.ico" />\n'
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":"ResearchOrganization",'
        f'"name":"{INSTITUTE}","alternateName":"{INSTITUTE_ZH}","url":"http://www.jmiti.lnas.cn/en/",'
        '"parentOrganization":{"@type":"Organization","name":"Lingnan Academy of Sciences"},'
        '"address":{"@type":"PostalAddress","streetAddress":"No. 22 Yingbin Avenue, Pengjiang District",'
        '"addressLocality":"Jiangmen","addressRegion":"Guangdong","postalCode":"529000","addressCountry":"CN"},'
        '"telephone":"+86-750-3201234","email":"office@jmiti.lnas.cn"}</script>\n'
        f'<link rel="stylesheet" type="text/css" href="{ROOT}/css/style.css" />\n<style '
        f'type="text/css">{CSS}</style>\n'
        "</head>\n"
    )


def top() -> str:
    return (
        '<div class="top"><div class="wrap"><a href="/gdasfs/cn/">中文</a><a href="' + ROOT + '/">English</a>'
        f'<a href="{ROOT}/Contact/Address/">Contact Us</a><a href="{ROOT}/Contact/Feedback/">Feedback</a>'
        '<form class="search" id="searchForm" action="/search/" method="get"><input type="hidden" '
        'name="lang" value="en" />'
        '<input type="text" id="keyword" name="q" value="Search" /><input type="submit" value="Go" '
        "/></form></div></div>\n"
        '<select class="sisters" onchange="if(this.value){window.open(this.value);}"><option '
        'value="">Institutes of the '
        "Academy</option>"
        + "".join(
            f'<option value="http://www.example.org/lnas/{i}/">{esc(n)}</option>'
            for i, n in enumerate(SISTERS)
        )
        + "</select>"
        f'<div class="header"><div class="wrap"><div class="logo"><a href="{ROOT}/"><img '
        f'src="{ROOT}/images/logo.png" '
        f'alt="{esc(INSTITUTE)}" height="64" /></a></div>'
    )


def side(latest: Sequence[Article]) -> str:
    subs = "".join(
        f'<li class="on"><a href="{NEWS}">News</a></li>'
        if s == "News"
        else f'<li><a href="{ROOT}/News/{_slug(s)}/">{esc(s)}</a></li>'
        for s in MENU[2][2]
    )
    notices = "".join(
        f'<li><a href="{ROOT}/News/Notice/">{esc(t)}</a><span>{d}</span></li>' for t, d in NOTICES
    )
    hot = "".join(
        f'<li><a href="{ROOT}/News/MediaCoverage/">{esc(t)}</a><span>{d}</span></li>' for t, d in HOT
    )
    photos = "".join(
        f'<li><a href="{ROOT}/News/PhotoGallery/"><img src="{ROOT}/images/photo{i}.png" alt="{esc(t)}" '
        f'width="220" /><p>{esc(t)}</p></a></li>'
        for i, t in enumerate(PHOTOS)
    )
    box = ""
    if latest:
        items = "".join(
            f'<li><a href="t{a.uid}.html" title="{esc(a.title)}">{esc(a.title)}</a><span>{day(a)}</span></li>'
            for a in latest
        )
        box = f'<div class="box latest"><h3>Latest News</h3><ul>{items}</ul></div>'
    return (
        f'<div class="side"><div class="lm">News</div><ul class="sub">{subs}</ul>{box}'
        f'<div class="box"><h3>Notice</h3><ul>{notices}</ul></div>'
        f'<div class="box"><h3>Hot Topics</h3><ul>{hot}</ul></div>'
        f'<div class="box photos" id="photoScroll"><h3>Photo Gallery</h3><ul>{photos}</ul></div>'
        '<div class="box contact"><h3>Contact Us</h3><p>Add: No. 22 Yingbin Avenue, Pengjiang District, '
        "Jiangmen, "
        "Guangdong, China</p><p>Post code: 529000</p><p>Tel: +86-750-3201234</p><p>E-mail: "
        "office@jmiti.lnas.cn</p></div></div>"
    )


def highlights() -> str:
    items = "".join(
        f'<li><h4><a href="{ROOT}/Research/PilotPlatforms/">{esc(t)}</a></h4><p>{esc(d)}</p></li>'
        for t, d in HIGHLIGHTS
    )
    return (
        f'<div class="highlights"><div class="wrap"><ul id="tabNav"><li class="on">Research Highlights</li>'
        f'<li>Services</li></ul><div id="tabBox"><ul class="hl">{items}</ul><ul class="sv" '
        f'style="display:none">'
        "<li>Testing and certification</li><li>Pilot-scale verification</li><li>Technology consulting</li>"
        "<li>Incubation space</li></ul></div></div></div>\n"
    )


def footer() -> str:
    cols = "".join(
        f'<div class="col"><h4>{esc(name)}</h4><ul>'
        + "".join(f'<li><a href="{ROOT}/{key}/{_slug(s)}/">{esc(s)}</a></li>' for s in subs)
        + "</ul></div>"
        for name, key, subs in MENU[:5]
    )
    return (
        '<div class="friends"><div class="wrap"><strong>Links:</strong> '
        + " | ".join(
            f'<a href="http://www.example.org/en/{i}" target="_blank">{esc(f)}</a>'
            for i, f in enumerate(FRIENDS)
        )
        + '</div></div>\n<div id="backTop" style="display:none">Top</div>'
        + '<div id="langTip" style="display:none">'
        '您正在访问英文网站，<a href="/gdasfs/cn/">点击进入中文网站</a></div>\n'
        + f'<div class="footer"><div class="wrap"><div class="cols">{cols}<div class="col"><h4>Follow Us</h4>'
        f'<img src="{ROOT}/images/wechat.png" width="100" alt="WeChat" /><p>WeChat</p></div></div>'
        f'<div class="copy">Copyright &copy; {esc(INSTITUTE)} All Rights Reserved<br />'
        f"{INSTITUTE_ZH} 版权所有&nbsp;&nbsp;粤ICP备19087654号-2&nbsp;&nbsp;"
        "Add: No. 22 Yingbin Avenue, Pengjiang District, Jiangmen, Guangdong, China</div></div></div>\n"
        + SCRIPT
    )


def frame(title: str, description: str, side: str, inner: str) -> str:
    return (
        head(title, description)
        + "<body>\n"
        + top()
        + menu("News")
        + '</div></div>\n<div class="banner"></div>\n'
        + f'<div class="main"><div class="wrap">{side}<div class="content-box">'
        + f'<div class="position"><a href="{ROOT}/News/News/">News</a>&gt;<a href="{NEWS}">News</a></div>\n'
        + inner
        + '</div><div class="clear"></div></div></div>\n'
        + highlights()
        + footer()
        + "</body>\n</html>\n"
    )
