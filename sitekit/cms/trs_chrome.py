"""The TRS academy template: head, top bar, menus, side boxes, footer, the scripts TRS pages carry.

Part of the TRS renderer (``sitekit.cms.trs`` wraps listing and article content in it; ``trs_extra`` adds
the weight of real pages). The institute it belongs to is ``INSTITUTE`` of ``ACADEMY`` (the demo's phrase
banks write its news). Nothing here depends on the content, so an unedited article stays byte-identical.
"""

from __future__ import annotations

from newsarchive.sitekit.pages import esc

INSTITUTE = "岭南科学院新材料研究所"
ACADEMY = "岭南科学院"
DOMAIN = "www.nim.lnas.ac.cn"

NAV = (
    ("机构概况", "jgkk", ("研究所简介", "现任领导", "组织机构", "历史沿革", "所徽所训", "联系我们")),
    ("新闻动态", "xwdt", ("综合新闻", "科研进展", "学术活动", "媒体扫描", "图片新闻", "通知公告")),
    ("科研成果", "kycg", ("获奖成果", "代表性论文", "授权专利", "科技成果转化", "标准规范")),
    ("研究队伍", "yjdw", ("院士", "研究员", "副研究员", "高级工程师", "人才计划入选者")),
    ("合作交流", "hzjl", ("国际交流", "院地合作", "联合实验室", "学术组织任职")),
    ("研究生教育", "yjsjy", ("招生信息", "培养工作", "学位工作", "导师介绍", "研究生会", "就业信息")),
    ("党建与创新文化", "djcx", ("党建工作", "纪检监察", "工会工作", "青年团", "创新文化", "离退休工作")),
    ("科学传播", "kxcb", ("科普动态", "科普文章", "公众科学日", "科普视频")),
    ("信息公开", "xxgk", ("信息公开规定", "信息公开指南", "信息公开目录", "依申请公开", "年度报告")),
    ("人才招聘", "rczp", ("招聘信息", "博士后招收", "人才政策")),
)
NEWS_LINKS = {
    "综合新闻": "/trs/zhxw/index.html",
    "科研进展": "/trs/kyjz/index.html",
    "学术活动": "/trs/xshd/list.shtml",
}
NOTICES = (
    ("关于2024年端午节放假安排的通知", "2024-06-05"),
    ("2024年度开放课题申请指南", "2024-05-28"),
    ("关于开展2024年度安全生产月活动的通知", "2024-05-27"),
    ("新材料研究所2024年博士后招收简章", "2024-05-20"),
    ("关于举办第十期青年学术沙龙的通知", "2024-05-14"),
    ("2024年硕士研究生复试录取名单公示", "2024-04-18"),
    ("关于组织申报2024年度省重点领域研发计划的通知", "2024-04-09"),
    ("大型仪器设备开放共享服务公告", "2024-03-26"),
)
FRIEND_LINKS = (
    (
        "科研院所",
        (
            "岭南科学院",
            "中国科学院",
            "中国工程院",
            "国家自然科学基金委员会",
            "中国科学技术协会",
            "中国科学院金属研究所",
            "中国科学院宁波材料技术与工程研究所",
            "中国科学院上海硅酸盐研究所",
            "中国科学院化学研究所",
            "中国科学院物理研究所",
            "中国科学院深圳先进技术研究院",
        ),
    ),
    (
        "政府部门",
        (
            "科学技术部",
            "工业和信息化部",
            "广东省人民政府",
            "广东省科学技术厅",
            "广东省工业和信息化厅",
            "广州市科学技术局",
            "广州市人民政府",
        ),
    ),
    ("高等院校", ("华南理工大学", "中山大学", "暨南大学", "广东工业大学", "南方科技大学", "香港科技大学")),
)
MEDIA = (
    ("南方日报：新材料所多项技术助力大湾区制造业转型升级", "2024-05-30"),
    ("科技日报：让“中国材料”挺起产业脊梁", "2024-05-16"),
    ("中国科学报：一块“会呼吸”的薄膜是怎样炼成的", "2024-04-25"),
    ("广东科技报：青年科研人员扎根一线攻关", "2024-04-11"),
    ("羊城晚报：走进实验室，看科学家如何“点石成金”", "2024-03-28"),
    ("人民网：岭南科学院发布十项重大科技成果", "2024-03-12"),
    ("新华网：新材料产业创新联盟在穗成立", "2024-02-27"),
    ("广州日报：校企联手破解关键材料“卡脖子”难题", "2024-01-18"),
)
PHOTOS = (
    "2024年公众科学日活动现场",
    "研究生开展野外实践教学",
    "所领导检查安全生产工作",
    "第十期青年学术沙龙现场",
    "新材料中试基地建设现场",
    "党员志愿者走进社区开展科普",
)
MORE_LINKS = (
    ("新闻媒体", ("人民网", "新华网", "央视网", "光明网", "科学网", "南方网", "广州日报", "羊城晚报")),
    (
        "学术团体",
        (
            "中国材料研究学会",
            "中国金属学会",
            "中国腐蚀与防护学会",
            "广东省材料研究学会",
            "广东省科学技术协会",
        ),
    ),
)
QUICK = (
    "所内邮箱",
    "ARP系统",
    "科研仪器共享平台",
    "文献情报服务",
    "视频会议系统",
    "所务公开",
    "网上办事大厅",
    "English",
)

STYLE = """
*{margin:0;padding:0;}body{font-family:"Microsoft YaHei","微软雅黑",SimSun,"宋体";font-size:14px;color:#333;background:#fff;}
a{color:#333;text-decoration:none;}a:hover{color:#0b5ca8;text-decoration:underline;}ul,li{list-style:none;}img{border:0;}
.clearfix:after{content:".";display:block;height:0;clear:both;visibility:hidden;}.fl{float:left;}.fr{float:right;}
.w1200{width:1200px;margin:0 auto;}.topbar{height:36px;line-height:36px;background:#f2f2f2;border-bottom:1px solid #e1e1e1;}
.topbar a{margin:0 8px;color:#666;}.header{height:120px;background:url(../images/head_bg.jpg) no-repeat center top;}
.logo{padding-top:22px;}.search{margin-top:42px;border:1px solid #0b5ca8;height:32px;background:#fff;}
.search input.txt{width:210px;height:32px;border:0;padding-left:8px;}.search input.btn{width:60px;height:32px;background:#0b5ca8;color:#fff;border:0;}
.nav{height:48px;background:#0b5ca8;}.nav li{float:left;position:relative;}.nav li a.yj{display:block;padding:0 17px;line-height:48px;color:#fff;font-size:16px;}
.nav li .ej{display:none;position:absolute;top:48px;left:0;width:160px;background:#fff;box-shadow:0 2px 6px rgba(0,0,0,.2);z-index:99;}
.nav li:hover .ej{display:block;}.nav li .ej a{display:block;line-height:36px;padding-left:18px;border-bottom:1px dashed #ddd;}
.position{height:40px;line-height:40px;border-bottom:1px solid #ddd;color:#666;}.position a{color:#666;}
.left{width:260px;}.right{width:900px;}.lm_tit{height:50px;line-height:50px;background:#0b5ca8;color:#fff;font-size:20px;text-align:center;}
.lm_list li{height:44px;line-height:44px;border-bottom:1px solid #e6e6e6;padding-left:30px;background:#f7f7f7;}
.lm_list li.on a{color:#0b5ca8;font-weight:bold;}.box{margin-top:20px;border:1px solid #e1e1e1;}
.box .tit{height:38px;line-height:38px;border-bottom:2px solid #0b5ca8;padding-left:12px;font-size:16px;font-weight:bold;}
.box ul{padding:8px 12px;}.box li{line-height:30px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;}
.box li span{float:right;color:#999;}.list li{height:42px;line-height:42px;border-bottom:1px dashed #ccc;padding-left:14px;background:url(../images/dot.gif) no-repeat left center;}
.list li span{float:right;color:#888;}.list li.fgx{height:12px;border:0;background:none;}.page{padding:30px 0;text-align:center;color:#666;}
.page a{display:inline-block;padding:3px 10px;border:1px solid #ddd;margin:0 2px;}.xl_title h1{font-size:24px;line-height:40px;text-align:center;color:#0b3f7a;padding:20px 0 10px;}
.xl_info{text-align:center;color:#888;padding-bottom:12px;border-bottom:1px solid #ddd;font-size:13px;}.xl_text{padding:24px 10px;font-size:16px;line-height:2;}
.xl_fj{padding:10px;background:#f7f7f7;}.xl_editor{text-align:right;padding:10px;color:#666;}.xl_share{padding:10px;border-top:1px solid #eee;color:#999;}
.xl_related{margin-top:20px;}.xl_related .tit{font-size:16px;font-weight:bold;border-bottom:2px solid #0b5ca8;line-height:36px;}
.xl_related li{line-height:32px;}.xl_related li span{float:right;color:#999;}.footer{margin-top:40px;background:#0b3f7a;color:#cfd9e6;padding:24px 0;}
.footer a{color:#cfd9e6;}.footer select{width:220px;height:28px;margin-right:14px;}.copyright{line-height:26px;text-align:center;}
.ewm{text-align:center;font-size:12px;}.ewm img{width:90px;height:90px;}.friend{padding-bottom:16px;text-align:center;}
"""  # noqa: E501 (verbatim CSS/JS as real pages carry it)

SCRIPTS = """
<script type="text/javascript">
function doZoom(size){var zoom=document.getElementById('zoom');if(!zoom)return;zoom.style.fontSize=size+'px';
var ps=zoom.getElementsByTagName('p');for(var i=0;i<ps.length;i++){ps[i].style.fontSize=size+'px';}}
function addFavorite(){var url=window.location;var title=document.title;try{window.external.addFavorite(url,title);}
catch(e){try{window.sidebar.addPanel(title,url,"");}catch(e){alert("加入收藏失败，请使用Ctrl+D进行添加");}}}
function setHome(obj){try{obj.style.behavior='url(#default#homepage)';obj.setHomePage(window.location.href);}
catch(e){alert("此操作被浏览器拒绝！请在浏览器地址栏输入“about:config”并回车，然后将[signed.applets.codebase_principal_support]设置为'true'");}}
$(function(){$(".nav li").hover(function(){$(this).find(".ej").stop(true,true).slideDown(150);},
function(){$(this).find(".ej").stop(true,true).slideUp(100);});
$("#searchword").focus(function(){if($(this).val()=="请输入关键字"){$(this).val("");}}).blur(function(){if($(this).val()==""){$(this).val("请输入关键字");}});
$(".share a").click(function(){var t=$(this).attr("data-cmd");var u=encodeURIComponent(location.href);var ti=encodeURIComponent(document.title);
if(t=="tsina"){window.open("http://service.weibo.com/share/share.php?url="+u+"&title="+ti);}
else if(t=="qzone"){window.open("http://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url="+u+"&title="+ti);}
else if(t=="weixin"){$(".wx_pop").show();}return false;});$(".wx_pop .close").click(function(){$(".wx_pop").hide();});});
</script>
<div id="piao" style="position:absolute;z-index:100;display:none"><a href="/trs/djcx/lm01/" target="_blank">
<img src="/trs/images/piao.png" width="220" alt="学习贯彻党的二十届三中全会精神" /></a><span class="piao_close">关闭</span></div>
<div class="gotop" id="gotop" title="返回顶部">返回顶部</div>
<script type="text/javascript">
/* 飘窗 */
(function(){var el=document.getElementById("piao");if(!el)return;var x=50,y=60,xin=true,yin=true,step=1,delay=20;
function float(){var L=0,T=0,R=document.documentElement.clientWidth-el.offsetWidth,B=document.documentElement.clientHeight-el.offsetHeight;
el.style.left=x+document.documentElement.scrollLeft+"px";el.style.top=y+document.documentElement.scrollTop+"px";
x=x+step*(xin?1:-1);if(x<L){xin=true;x=L;}if(x>R){xin=false;x=R;}y=y+step*(yin?1:-1);if(y<T){yin=true;y=T;}if(y>B){yin=false;y=B;}}
var itl=setInterval(float,delay);el.onmouseover=function(){clearInterval(itl);};el.onmouseout=function(){itl=setInterval(float,delay);};
var c=el.getElementsByTagName("span")[0];if(c){c.onclick=function(){el.style.display="none";clearInterval(itl);};}})();
/* 返回顶部 */
(function(){var t=document.getElementById("gotop");if(!t)return;window.onscroll=function(){
var top=document.documentElement.scrollTop||document.body.scrollTop;t.style.display=top>300?"block":"none";};
t.onclick=function(){var timer=setInterval(function(){var top=document.documentElement.scrollTop||document.body.scrollTop;
var speed=Math.floor(-top/6);document.documentElement.scrollTop=document.body.scrollTop=top+speed;if(top==0){clearInterval(timer);}},30);};})();
/* 移动端菜单 */
$(function(){$(".m_btn").click(function(){$("#m_nav").show();});$(".m_close").click(function(){$("#m_nav").hide();});
$("#m_nav dt").click(function(){$(this).siblings("dd").toggle();});
if(/Android|webOS|iPhone|iPod|BlackBerry|Windows Phone/i.test(navigator.userAgent)){$("body").addClass("mobile");}});
</script>
<script type="text/javascript">
var _hmt=_hmt||[];(function(){var hm=document.createElement("script");hm.src="/trs/images/tj.js?v=20240101";
var s=document.getElementsByTagName("script")[0];s.parentNode.insertBefore(hm,s);})();
</script>
"""  # noqa: E501 (verbatim CSS/JS as real pages carry it)


def head(title: str, metas: list[tuple[str, str]], charset: str) -> str:
    """``charset``: "meta-gbk" writes <meta charset>, "meta-gb2312" the http-equiv form, "header-gbk" none."""
    declared = {
        "meta-gbk": '<meta charset="gbk">\n',
        "meta-gb2312": '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />\n',
    }.get(charset, "")
    meta_tags = "".join(f'<meta name="{name}" content="{esc(value)}">\n' for name, value in metas)
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        f'{declared}<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f"<title>{esc(title)}</title>\n{meta_tags}"
        '<link href="/trs/images/style.css" rel="stylesheet" type="text/css" />\n'
        '<script type="text/javascript" src="/trs/images/jquery-1.8.3.min.js"></script>\n'
        f'<style type="text/css">{STYLE}</style>\n'
    )


def top() -> str:
    quick = "".join(f'<a href="/trs/kstd/{i}/" target="_blank">{esc(q)}</a>' for i, q in enumerate(QUICK))
    return (
        '<div class="topbar"><div class="w1200 clearfix"><div class="fl">欢迎访问'
        + esc(INSTITUTE)
        + "！今天是"
        '<script type="text/javascript">var d=new '
        'Date();document.write(d.getFullYear()+"年"+(d.getMonth()+1)+"月"'
        '+d.getDate()+"日");</script></div><div class="fr">'
        '<a href="javascript:void(0)" onclick="setHome(this)">设为首页</a>|'
        '<a href="javascript:void(0)" onclick="addFavorite()">加入收藏</a>|' + quick + "</div></div></div>\n"
        '<div class="header"><div class="w1200 clearfix"><div class="logo fl"><a href="/trs/">'
        f'<img src="/trs/images/logo.png" alt="{esc(INSTITUTE)}" /></a></div>'
        '<div class="search fr"><form name="searchform" action="/search/" method="get" target="_blank">'
        '<input type="hidden" name="siteid" value="31"><input type="text" class="txt" id="searchword" '
        'name="searchword" '
        'value="请输入关键字"><input type="submit" class="btn" value="搜索"></form></div>'
        '<div class="hot fr">热门搜索：<a href="/search/?searchword=高熵合金">高熵合金</a> '
        '<a href="/search/?searchword=研究生招生">研究生招生</a> <a '
        'href="/search/?searchword=博士后">博士后</a></div>'
        "</div></div>\n"
    )


def mobile_nav() -> str:
    """Responsive templates repeat the whole menu for phones."""
    groups = []
    for name, key, subs in NAV:
        links = "".join(
            f'<dd><a href="{NEWS_LINKS.get(sub, f"/trs/{key}/{_sub_key(i)}/")}">{esc(sub)}</a></dd>'
            for i, sub in enumerate(subs)
        )
        groups.append(f"<dl><dt>{esc(name)}</dt>{links}</dl>")
    return (
        '<div class="m_nav" id="m_nav" style="display:none"><div class="m_close">关闭</div>'
        + "".join(groups)
        + "</div>\n"
    )


def nav() -> str:
    items = ['<li><a class="yj" href="/trs/">首页</a></li>']
    for name, key, subs in NAV:
        first = NEWS_LINKS.get(subs[0], f"/trs/{key}/{_sub_key(0)}/")
        links = "".join(
            f'<a href="{NEWS_LINKS.get(sub, f"/trs/{key}/{_sub_key(i)}/")}">{esc(sub)}</a>'
            for i, sub in enumerate(subs)
        )
        items.append(f'<li><a class="yj" href="{first}">{esc(name)}</a><div class="ej">{links}</div></li>')
    return (
        '<div class="nav"><div class="w1200"><ul class="clearfix">'
        + "".join(items)
        + "</ul></div></div>\n"
        + mobile_nav()
    )


def _sub_key(i: int) -> str:
    return f"lm{i + 1:02d}"


def static_paths() -> dict[str, str]:
    """Menu targets that are plain section pages: path -> section name."""
    out = {}
    for _, key, subs in NAV:
        for i, sub in enumerate(subs):
            if sub not in NEWS_LINKS:
                out[f"/trs/{key}/{_sub_key(i)}/"] = sub
    out.update({f"/trs/kstd/{i}/": q for i, q in enumerate(QUICK)})
    return out


def position(*crumbs: tuple[str, str]) -> str:
    links = " &gt; ".join(f'<a href="{href}">{esc(name)}</a>' for name, href in crumbs)
    return f'<div class="position">您当前的位置：<a href="/trs/">首页</a> &gt; {links}</div>\n'


ON = ' class="on"'


def left(active: str, boxes: str = "") -> str:
    """The column menu and the side boxes; ``boxes`` (more side boxes) go first."""
    items = "".join(
        f'<li{ON if sub == active else ""}><a href="{NEWS_LINKS.get(sub, f"/trs/xwdt/{_sub_key(i)}/")}">'
        f"{esc(sub)}</a></li>"
        for i, sub in enumerate(NAV[1][2])
    )
    notices = "".join(
        f'<li><span>{d}</span><a href="/trs/xwdt/lm06/" title="{esc(t)}">{esc(t)}</a></li>'
        for t, d in NOTICES
    )
    quick = "".join(
        f'<li><a href="/trs/kstd/{i}/" target="_blank">{esc(q)}</a></li>' for i, q in enumerate(QUICK)
    )
    media = "".join(
        f'<li><span>{d}</span><a href="/trs/xwdt/lm04/" title="{esc(t)}">{esc(t)}</a></li>' for t, d in MEDIA
    )
    photos = "".join(
        f'<li><a href="/trs/xwdt/lm05/"><img src="/trs/images/tp{i}.png" alt="{esc(t)}" width="230" />'
        f"<p>{esc(t)}</p></a></li>"
        for i, t in enumerate(PHOTOS)
    )
    return (
        '<div class="left fl"><div class="lm_tit">新闻动态</div><ul class="lm_list">'
        + items
        + "</ul>"
        + boxes
        + '<div class="box"><div class="tit">通知公告</div><ul>'
        + notices
        + "</ul></div>"
        '<div class="box"><div class="tit">快速通道</div><ul class="kstd">' + quick + "</ul></div>"
        '<div class="box"><div class="tit">媒体扫描</div><ul>' + media + "</ul></div>"
        '<div class="box"><div class="tit">图片新闻</div><ul class="tpxw">' + photos + "</ul></div>"
        '<div class="box"><div class="tit">专题专栏</div><ul>'
        '<li><a href="/trs/djcx/lm01/"><img src="/trs/images/zt_xxjy.png" alt="主题教育专题" width="230" '
        "/></a></li>"
        '<li><a href="/trs/kxcb/lm03/"><img src="/trs/images/zt_kxr.png" alt="公众科学日" width="230" '
        "/></a></li>"
        "</ul></div></div>\n"
    )


def footer() -> str:
    selects = "".join(
        f'<select onchange="if(this.value!=\'\'){{window.open(this.value);}}"><option value="">—— '
        f"{esc(group)} ——</option>"
        + "".join(
            f'<option value="http://www.example.org/link/{g}{i}">{esc(n)}</option>'
            for i, n in enumerate(names)
        )
        + "</select>"
        for g, (group, names) in enumerate(FRIEND_LINKS + MORE_LINKS)
    )
    return (
        '<div class="footer"><div class="w1200"><div class="friend">友情链接：' + selects + "</div>"
        '<div class="clearfix"><div class="copyright fl" style="width:1060px">'
        '<p><a href="/trs/jgkk/lm06/">联系我们</a> | <a href="/trs/wzdt/">网站地图</a> | <a '
        'href="/trs/flsm/">法律声明</a> | '
        '<a href="/trs/kstd/7/">English</a></p>'
        f"<p>版权所有 &copy; {esc(INSTITUTE)}&nbsp;&nbsp;"
        '<a href="https://beian.miit.gov.cn/" target="_blank">粤ICP备10201234号-1</a>&nbsp;&nbsp;'
        '<img src="/trs/images/gaba.png" width="16" />粤公网安备 44010602001234号</p>'
        "<p>地址：广州市天河区科华路88号&nbsp;&nbsp;邮编：510650&nbsp;&nbsp;电话：020-85231234&nbsp;&nbsp;"
        f"传真：020-85231000&nbsp;&nbsp;Email：office@nim.lnas.ac.cn</p><p>主办单位："
        f"{esc(ACADEMY)}新材料研究所"
        "&nbsp;&nbsp;技术支持：拓尔思信息技术股份有限公司&nbsp;&nbsp;建议使用1366*768以上分辨率浏览</p></div>"
        '<div class="ewm fr"><img src="/trs/images/qrcode.png" alt="" '
        "/><p>扫一扫在手机打开当前页</p></div></div>"
        "</div></div>\n" + SCRIPTS
    )


def static_page(path: str, name: str) -> str:
    return (
        head(
            f"{name}----{INSTITUTE}",
            [("SiteName", INSTITUTE), ("SiteDomain", DOMAIN), ("ColumnName", name)],
            "meta-gbk",
        )
        + "</head>\n<body>\n"
        + top()
        + nav()
        + '<div class="w1200">'
        + position((name, path))
        + '<div class="clearfix">'
        + left("")
        + '<div class="right fr"><div class="xl_title"><h1>'
        + esc(name)
        + '</h1></div><div class="xl_text"><p>'
        + esc(INSTITUTE)
        + "成立于1958年，是"
        + esc(ACADEMY)
        + "直属的综合性材料科学研究机构，主要从事先进结构材料、新能源材料、"
        + "功能薄膜与器件、生物医用材料等方向的基础研究和应用研究。"
        "</p><p>本栏目信息正在更新中，敬请关注。</p></div></div></div></div>\n"
        + footer()
        + "</body>\n</html>\n"
    )
