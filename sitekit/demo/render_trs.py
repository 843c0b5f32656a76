"""The TRS academy site (``/trs``): GBK listing and article pages with JavaScript-only pagination.

Part of the offline demo (``sitekit/demo``): ``build(site, stage)`` renders ``content.sites()["trs"]`` into
``{path: Page}``. Three columns, three real-world variants:

- ``zhxw`` 综合新闻: ``<meta charset="gbk">``, ``createPageHTML(3, 0, "index", "html")`` (0-based,
  index_N.html)
- ``kyjz`` 科研进展: charset only in the Content-Type header, the inline
  ``var currentPage = 0;//所在页从0开始`` form
- ``xshd`` 学术活动: declares gb2312 but uses GBK-only characters in names,
  ``createPageHTML('page_div',3, 1,'list','shtml',36)`` (1-based, list_N.shtml), articles ``.shtml``

No ``<a href>`` to a later listing page exists in the raw HTML; only the scripts write it.
"""

from __future__ import annotations

from . import trs_chrome as chrome
from .assets import png
from .bank_zh import INSTITUTE
from .model import Article, Column, Site
from .pages import Page, clip, day, esc, html_page, relative, shown_date

PAGER_OLD = """<script language="JavaScript" type="text/javascript">
<!--
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
\tif(_nPageCount == null || _nPageCount<=1){ return; }
\tvar nCurrIndex = _nCurrIndex || 0;
\tfunction pageUrl(n){ return (n == 0 ? _sPageName : _sPageName + "_" + n) + "." + _sPageExt; }
\tdocument.write("共" + _nPageCount + "页&nbsp;&nbsp;");
\tif(nCurrIndex > 0){
\t\tdocument.write("<a href=\\"" + pageUrl(0) + "\\">首页</a>&nbsp;<a href=\\"" + pageUrl(nCurrIndex - 1) + "\\">上一页</a>&nbsp;");
\t}else{
\t\tdocument.write("<span>首页</span>&nbsp;<span>上一页</span>&nbsp;");
\t}
\tfor(var i = 0; i < _nPageCount; i++){
\t\tif(i == nCurrIndex) document.write("<span class=\\"current\\">" + (i + 1) + "</span>&nbsp;");
\t\telse document.write("<a href=\\"" + pageUrl(i) + "\\">" + (i + 1) + "</a>&nbsp;");
\t}
\tif(nCurrIndex < _nPageCount - 1){
\t\tdocument.write("<a href=\\"" + pageUrl(nCurrIndex + 1) + "\\">下一页</a>&nbsp;<a href=\\"" + pageUrl(_nPageCount - 1) + "\\">尾页</a>");
\t}else{
\t\tdocument.write("<span>下一页</span>&nbsp;<span>尾页</span>");
\t}
}
//-->
</script>
"""  # noqa: E501 (verbatim CSS/JS as real pages carry it)

PAGER_NEW = """<script type="text/javascript">
function createPageHTML(elementName, totalPage, currentPage, prefix, suffix, rowCount){
  var ele = document.getElementById(elementName);
  if(!ele || totalPage <= 1){ return; }
  var url = function(n){ return n == 1 ? prefix + '.' + suffix : prefix + '_' + n + '.' + suffix; };
  var html = '<span class="total">共' + rowCount + '条记录 ' + currentPage + '/' + totalPage + '页</span> ';
  if(currentPage > 1){ html += '<a href="' + url(1) + '">首页</a> <a href="' + url(currentPage - 1) + '">上一页</a> '; }
  for(var i = 1; i <= totalPage; i++){
    html += (i == currentPage) ? '<span class="current">' + i + '</span> ' : '<a href="' + url(i) + '">' + i + '</a> ';
  }
  if(currentPage < totalPage){ html += '<a href="' + url(currentPage + 1) + '">下一页</a> <a href="' + url(totalPage) + '">尾页</a>'; }
  ele.innerHTML = html;
}
</script>
"""  # noqa: E501 (verbatim CSS/JS as real pages carry it)

PAGER_INLINE = """<script language="JavaScript">
var currentPage = {current};//所在页从0开始
var prevPage = currentPage-1//上一页
var nextPage = currentPage+1//下一页
var countPage = {count}//共多少页
document.write("共"+countPage+"页&nbsp;&nbsp;");
//设置上一页代码
if(countPage>1&&currentPage!=0&&currentPage!=1)
\tdocument.write("<a href=\\"index"+"_" + prevPage + "."+"html\\">上一页</a>&nbsp;");
else if(countPage>1&&currentPage!=0&&currentPage==1)
\tdocument.write("<a href=\\"index.html\\">上一页</a>&nbsp;");
else
\tdocument.write("上一页&nbsp;");
//循环
var num = 5;
for(var i=0+(currentPage-1-(currentPage-1)%num) ; i<=(num+(currentPage-1-(currentPage-1)%num))&&(i<countPage) ; i++){
\tif(countPage >1){
\t\tif(currentPage==i)
\t\t\tdocument.write("<span style=\\"color:#FF0000;\\">"+(i+1)+"</span>&nbsp;");
\t\telse if(i==0)
\t\t\tdocument.write("<a href=\\"index.html\\">"+(i+1)+"</a>&nbsp;");
\t\telse
\t\t\tdocument.write("<a href=\\"index"+"_" + i + "."+"html\\">"+(i+1)+"</a>&nbsp;");
\t}
}
//设置下一页代码
if(countPage>1&&currentPage!=(countPage-1))
\tdocument.write("<a href=\\"index"+"_" + nextPage + "."+"html\\" >下一页</a>&nbsp;");
else
\tdocument.write("下一页&nbsp;");
</script>
"""  # noqa: E501 (verbatim CSS/JS as real pages carry it)

COLUMN_TYPE = {"zhxw": "新闻动态", "kyjz": "新闻动态", "xshd": "新闻动态"}


def content_type(column: Column) -> str:
    return "text/html; charset=GBK" if column.option("charset") == "header-gbk" else "text/html"


def listing_path(column: Column, page: int) -> str:
    """0-based page index -> path: index.html, index_1.html ... or list.shtml, list_2.shtml ..."""
    if column.option("pager") == "page_div":
        return column.path if page == 0 else column.path.replace("list.shtml", f"list_{page + 1}.shtml")
    return column.path if page == 0 else column.path.replace("index.html", f"index_{page}.html")


def pager(column: Column, page: int, pages: int, records: int) -> str:
    style = column.option("pager")
    if style == "page_div":
        return (
            f'<div id="page_div" class="page"></div><script type="text/javascript">'
            f"createPageHTML('page_div',{pages}, {page + 1},'list','shtml',{records});</script>"
        )
    if style == "inline":
        return (
            '<div class="page">'
            + PAGER_INLINE.replace("{current}", str(page)).replace("{count}", str(pages))
            + "</div>"
        )
    script = f'createPageHTML({pages}, {page}, "index", "html");'
    return f'<div class="page"><script type="text/javascript">{script}</script></div>'


def _column_metas(column: Column) -> list[tuple[str, str]]:
    return [
        ("SiteName", INSTITUTE),
        ("SiteDomain", chrome.DOMAIN),
        ("ColumnName", column.name),
        ("ColumnDescription", f"{INSTITUTE}{column.name}"),
        ("ColumnKeywords", f"{column.name},新材料,研究所"),
        ("ColumnType", COLUMN_TYPE[column.key]),
    ]


def render_listing(site: Site, column: Column, stage: int, page: int) -> Page | None:
    items = site.listing(stage, column.key)
    pages = (len(items) + column.per_page - 1) // column.per_page
    if page >= pages:
        return None
    path = listing_path(column, page)
    chunk = items[page * column.per_page : (page + 1) * column.per_page]
    lis = []
    for n, a in enumerate(chunk, 1):
        lis.append(
            f'<li><span>{day(a)}</span><a href="{relative(a.path, path)}" target="_blank" '
            f'title="{esc(a.title)}">{esc(clip(a.title, 30))}</a></li>'
        )
        if n % 5 == 0 and n < len(chunk):
            lis.append('<li class="fgx"></li>')
    script = (
        PAGER_NEW
        if column.option("pager") == "page_div"
        else PAGER_OLD
        if column.option("pager") == "createPageHTML"
        else ""
    )
    text = (
        chrome.head(f"{column.name}----{INSTITUTE}", _column_metas(column), column.option("charset"))
        + script
        + "</head>\n<body>\n"
        + chrome.top()
        + chrome.nav()
        + '<div class="w1200">'
        + chrome.position(("新闻动态", chrome.NEWS_LINKS["综合新闻"]), (column.name, column.path))
        + '<div class="clearfix">'
        + chrome.left(column.name)
        + '<div class="right fr"><div class="lm_tit2">'
        + esc(column.name)
        + '</div>\n<ul class="list">\n'
        + "\n".join(lis)
        + "\n</ul>\n"
        + pager(column, page, pages, len(items))
        + "</div></div></div>\n"
        + chrome.footer()
        + "</body>\n</html>\n"
    )
    newest = max(a.last_modified for a in items)
    return html_page(text, content_type(column), newest, "gbk")


def _body(article: Article) -> str:
    parts = [
        ".TRS_Editor P{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}"
        ".TRS_Editor DIV{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}"
        ".TRS_Editor TD{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}"
    ]
    out = [f'<div class="TRS_Editor"><style type="text/css">{parts[0]}</style>']
    for i, paragraph in enumerate(article.paragraphs):
        out.append(f'<p style="text-indent: 2em;">{esc(paragraph)}</p>')
        for image in (im for im in article.images if im.after == i):
            name = image.path.rsplit("/", 1)[1]
            out.append(
                f'<p style="text-align: center;"><img src="./{name}" OLDSRC="{name}" alt="" '
                f'style="border-width: 0px; width: 600px;" /></p>'
                f'<p style="text-align: center;"><span style="font-family: '
                f'楷体;">{esc(image.caption)}</span></p>'
            )
    out.append("</div>")
    return "".join(out)


def render_article(site: Site, article: Article, stage: int) -> Page:
    column = site.column(article.column)
    metas = [
        *_column_metas(column),
        ("ArticleTitle", article.title),
        ("PubDate", shown_date(article)),
        ("ContentSource", article.source),
    ]
    if article.author:
        metas.append(("Author", article.author))
    metas += [
        ("Keywords", f"{column.name},{INSTITUTE}"),
        ("Description", article.paragraphs[0][:80]),
        ("Url", f"http://{chrome.DOMAIN}{article.path.removeprefix('/trs')}"),
    ]
    info = f"<span>发布时间：{shown_date(article)}</span>&nbsp;&nbsp;"
    info += f"<span>来源：{esc(article.source)}</span>&nbsp;&nbsp;"
    if article.author:
        info += f"<span>作者：{esc(article.author)}</span>&nbsp;&nbsp;"
    info += (
        '【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> '
        '<a href="javascript:doZoom(14)">小</a>】 【<a href="javascript:window.print()">打印本页</a>】 '
        '【<a href="javascript:window.close()">关闭窗口</a>】'
    )
    attachments = ""
    if article.attachments:
        links = "".join(
            f'<li><a href="./{a.path.rsplit("/", 1)[1]}" target="_blank">{esc(a.text)}</a></li>'
            for a in article.attachments
        )
        attachments = f'<div class="xl_fj"><span>附件：</span><ul>{links}</ul></div>'
    editor = f'<div class="xl_editor">责任编辑：{esc(article.editor)}</div>' if article.editor else ""
    related = "".join(
        f'<li><span>{day(r)}</span><a href="{relative(r.path, article.path)}" target="_blank" '
        f'title="{esc(r.title)}">{esc(clip(r.title, 34))}</a></li>'
        for r in site.related(article, stage)
    )
    text = (
        chrome.head(f"{article.title}----{INSTITUTE}", metas, column.option("charset"))
        + "</head>\n<body>\n"
        + chrome.top()
        + chrome.nav()
        + '<div class="w1200">'
        + chrome.position(("新闻动态", chrome.NEWS_LINKS["综合新闻"]), (column.name, column.path))
        + '<div class="clearfix">'
        + chrome.left(column.name)
        + '<div class="right fr"><div class="xl_content">\n'
        + f'<div class="xl_title"><h1>{esc(article.title)}</h1></div>\n<div class="xl_info">{info}</div>\n'
        + f'<div class="xl_text" id="zoom">{_body(article)}</div>\n{attachments}{editor}\n'
        + '<div class="xl_share clearfix"><div class="share fl">分享到：'
        + '<a href="#" data-cmd="weixin">微信</a> '
        + '<a href="#" data-cmd="tsina">新浪微博</a> <a href="#" data-cmd="qzone">QQ空间</a></div>'
        + f'<div class="fr">浏览次数：<span id="views">{article.views}</span></div></div>\n'
        + '<div class="wx_pop" style="display:none"><img src="/trs/images/qrcode.png" alt="" />'
        + "<p>打开微信“扫一扫”，"
        + '打开网页后点击屏幕右上角分享按钮</p><a class="close" href="javascript:void(0)">关闭</a></div>\n'
        + f'<div class="xl_related"><div class="tit">相关新闻</div><ul>{related}</ul></div>\n'
        + "</div></div></div></div>\n"
        + chrome.footer()
        + "</body>\n</html>\n"
    )
    return html_page(text, content_type(column), article.last_modified, "gbk")


def render_home(site: Site, stage: int) -> Page:
    blocks = []
    for column in site.columns:
        items = "".join(
            f'<li><span>{day(a)}</span><a href="{relative(a.path, "/trs/index.html")}" target="_blank" '
            f'title="{esc(a.title)}">{esc(clip(a.title, 26))}</a></li>'
            for a in site.listing(stage, column.key)[:7]
        )
        blocks.append(
            f'<div class="box fl" style="width:390px;margin-right:10px"><div class="tit">{esc(column.name)}'
            f'<a class="fr more" href="{column.path}">更多&gt;&gt;</a></div><ul>{items}</ul></div>'
        )
    text = (
        chrome.head(INSTITUTE, [("SiteName", INSTITUTE), ("SiteDomain", chrome.DOMAIN)], "meta-gbk")
        + "</head>\n<body>\n"
        + chrome.top()
        + chrome.nav()
        + '<div class="w1200 clearfix">'
        + "".join(blocks)
        + "</div>\n"
        + chrome.footer()
        + "</body>\n</html>\n"
    )
    newest = max(a.last_modified for a in site.articles(stage))
    return html_page(text, "text/html", newest, "gbk")


def build(site: Site, stage: int) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    home = render_home(site, stage)
    pages["/trs/"] = pages["/trs/index.html"] = home
    for column in site.columns:
        page = 0
        while (listing := render_listing(site, column, stage, page)) is not None:
            pages[listing_path(column, page)] = listing
            page += 1
        if column.path.endswith("/index.html"):
            pages[column.path.removesuffix("index.html")] = pages[column.path]
    for article in site.articles(stage):
        pages[article.path] = render_article(site, article, stage)
    for path, name in chrome.static_paths().items():
        pages[path] = html_page(chrome.static_page(path, name), "text/html", None, "gbk")
    pages["/trs/images/style.css"] = Page(chrome.STYLE.encode(), "text/css", None)
    pages["/trs/images/jquery-1.8.3.min.js"] = Page(
        b"/* jQuery is not bundled with the offline demo. */\n", "application/javascript", None
    )
    for name in (
        "logo",
        "qrcode",
        "gaba",
        "zt_xxjy",
        "zt_kxr",
        "piao",
        *(f"tp{i}" for i in range(len(chrome.PHOTOS))),
    ):
        pages[f"/trs/images/{name}.png"] = Page(png(name), "image/png", None)
    return pages
