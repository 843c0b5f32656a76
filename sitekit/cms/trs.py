"""The TRS WCM renderer: GBK listing and article pages with JavaScript-only pagination, as TRS sites have.

Renders ``sitekit.model`` content in the TRS academy template (``trs_chrome``; ``heavy=True`` adds the
weight of real pages from ``trs_extra``). Used by the demo (``/trs/``), the benchmark's site and, for its
pagers and URL shapes, the multi-CMS test site. A column's options choose the real-world variant:

- ``pager``: ``createPageHTML`` (``createPageHTML(3, 0, "index", "html")``, 0-based, index_N.html), ``inline``
  (``var currentPage = 0;//所在页从0开始``, index_N.html) or ``page_div``
  (``createPageHTML('page_div',3, 1,'list','shtml',36)``, 1-based, list_N.shtml)
- ``charset``: ``meta-gbk`` (``<meta charset="gbk">``), ``header-gbk`` (only in the Content-Type header) or
  ``meta-gb2312`` (declares gb2312; GBK-only characters in names still occur)
- ``ext``: the article file extension (``html``, ``shtml``)

No ``<a href>`` to a later listing page exists in the raw HTML; only the scripts write it.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsarchive.sitekit.assets import png
from newsarchive.sitekit.model import Article, Column, Image
from newsarchive.sitekit.pages import Page, clip, day, esc, html_page, interleave, relative, shown_date

from . import trs_chrome as chrome
from . import trs_extra as extra
from .trs_chrome import INSTITUTE

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


def content_type(column: Column) -> str:
    return "text/html; charset=GBK" if column.option("charset") == "header-gbk" else "text/html"


def listing_path(column: Column, page: int) -> str:
    """0-based page index -> path: index.html, index_1.html ... or list.shtml, list_2.shtml ..."""
    if column.option("pager") == "page_div":
        return column.path if page == 0 else column.path.replace("list.shtml", f"list_{page + 1}.shtml")
    return column.path if page == 0 else column.path.replace("index.html", f"index_{page}.html")


def create_page_html(pages: int, page: int, name: str = "index", ext: str = "html") -> str:
    """The old 0-based pager call: pages ``name.ext``, ``name_1.ext`` ... (long articles are split so too)."""
    return f'createPageHTML({pages}, {page}, "{name}", "{ext}");'


def pager(column: Column, page: int, pages: int, records: int) -> str:
    """The pager of listing page ``page`` (0-based) of ``pages``: a script call, no links in the HTML."""
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
    return f'<div class="page"><script type="text/javascript">{create_page_html(pages, page)}</script></div>'


def pager_script(column: Column) -> str:
    """The pager function a listing of this column defines in its head (none for the inline pager)."""
    return {"page_div": PAGER_NEW, "createPageHTML": PAGER_OLD}.get(column.option("pager"), "")


def _column_metas(column: Column) -> list[tuple[str, str]]:
    return [
        ("SiteName", INSTITUTE),
        ("SiteDomain", chrome.DOMAIN),
        ("ColumnName", column.name),
        ("ColumnDescription", f"{INSTITUTE}{column.name}"),
        ("ColumnKeywords", f"{column.name},新材料,研究所"),
        ("ColumnType", "新闻动态"),
    ]


def _frame(column: Column, head: str, left_boxes: str, content: str, heavy: bool) -> str:
    """A page of ``column``: ``head`` (from ``chrome.head``), menus, ``content`` beside the side boxes."""
    return (
        head
        + (extra.head(column.name) if heavy else "")
        + "</head>\n<body>\n"
        + chrome.top()
        + chrome.nav()
        + '<div class="w1200">'
        + chrome.position(("新闻动态", chrome.NEWS_LINKS["综合新闻"]), (column.name, column.path))
        + '<div class="clearfix">'
        + chrome.left(column.name, left_boxes)
        + content
        + "</div></div>\n"
        + chrome.footer()
        + (extra.footer() if heavy else "")
        + "</body>\n</html>\n"
    )


def render_listing(
    column: Column, items: Sequence[Article], page: int, *, heavy: bool = False
) -> Page | None:
    """Page ``page`` (0-based) of a column listing ``items`` newest first; None past the last page."""
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
    head = chrome.head(f"{column.name}----{INSTITUTE}", _column_metas(column), column.option("charset"))
    content = (
        f'<div class="right fr"><div class="lm_tit2">{esc(column.name)}</div>\n<ul class="list">\n'
        + "\n".join(lis)
        + "\n</ul>\n"
        + pager(column, page, pages, len(items))
        + "</div>"
    )
    text = _frame(column, head + pager_script(column), "", content, heavy)
    return html_page(text, content_type(column), max(a.last_modified for a in items), "gbk")


def _body(article: Article) -> str:
    style = "margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;"
    out = [
        f'<div class="TRS_Editor"><style type="text/css">.TRS_Editor P{{{style}}}.TRS_Editor DIV{{{style}}}'
        f".TRS_Editor TD{{{style}}}</style>"
    ]
    out.append(interleave(article, lambda text: f'<p style="text-indent: 2em;">{esc(text)}</p>', _image))
    out.append("</div>")
    return "".join(out)


def _image(image: Image) -> str:
    name = image.path.rsplit("/", 1)[1]
    return (
        f'<p style="text-align: center;"><img src="./{name}" OLDSRC="{name}" alt="" '
        f'style="border-width: 0px; width: 600px;" /></p>'
        f'<p style="text-align: center;"><span style="font-family: 楷体;">{esc(image.caption)}</span></p>'
    )


def _info(article: Article) -> str:
    """The info line under the title: 发布时间, 来源, 作者, then the font-size and print links."""
    info = f"<span>发布时间：{shown_date(article)}</span>&nbsp;&nbsp;"
    info += f"<span>来源：{esc(article.source)}</span>&nbsp;&nbsp;"
    if article.author:
        info += f"<span>作者：{esc(article.author)}</span>&nbsp;&nbsp;"
    return info + (
        '【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> '
        '<a href="javascript:doZoom(14)">小</a>】 【<a href="javascript:window.print()">打印本页</a>】 '
        '【<a href="javascript:window.close()">关闭窗口</a>】'
    )


def _article_metas(column: Column, article: Article) -> list[tuple[str, str]]:
    metas = [
        *_column_metas(column),
        ("ArticleTitle", article.title),
        ("PubDate", shown_date(article)),
        ("ContentSource", article.source),
    ]
    if article.author:
        metas.append(("Author", article.author))
    return [
        *metas,
        ("Keywords", f"{column.name},{INSTITUTE}"),
        ("Description", article.paragraphs[0][:80]),
        ("Url", f"http://{chrome.DOMAIN}{article.path.removeprefix('/trs')}"),
    ]


def render_article(
    column: Column,
    article: Article,
    related: Sequence[Article],
    *,
    heavy: bool = False,
    latest: Sequence[Article] = (),
    hot: Sequence[Article] = (),
) -> Page:
    """An article with its 相关新闻 box (``related``); ``heavy`` pages add 最新动态 and 点击排行 boxes."""
    attachments = ""
    if article.attachments:
        links = "".join(
            f'<li><a href="./{a.path.rsplit("/", 1)[1]}" target="_blank">{esc(a.text)}</a></li>'
            for a in article.attachments
        )
        attachments = f'<div class="xl_fj"><span>附件：</span><ul>{links}</ul></div>'
    editor = f'<div class="xl_editor">责任编辑：{esc(article.editor)}</div>' if article.editor else ""
    related_items = "".join(
        f'<li><span>{day(r)}</span><a href="{relative(r.path, article.path)}" target="_blank" '
        f'title="{esc(r.title)}">{esc(clip(r.title, 34))}</a></li>'
        for r in related
    )
    content = (
        '<div class="right fr"><div class="xl_content">\n'
        + f'<div class="xl_title"><h1>{esc(article.title)}</h1></div>\n'
        + f'<div class="xl_info">{_info(article)}</div>\n'
        + f'<div class="xl_text" id="zoom">{_body(article)}</div>\n{attachments}{editor}\n'
        + '<div class="xl_share clearfix"><div class="share fl">分享到：'
        + '<a href="#" data-cmd="weixin">微信</a> '
        + '<a href="#" data-cmd="tsina">新浪微博</a> <a href="#" data-cmd="qzone">QQ空间</a></div>'
        + f'<div class="fr">浏览次数：<span id="views">{article.views}</span></div></div>\n'
        + '<div class="wx_pop" style="display:none"><img src="/trs/images/qrcode.png" alt="" />'
        + "<p>打开微信“扫一扫”，"
        + '打开网页后点击屏幕右上角分享按钮</p><a class="close" href="javascript:void(0)">关闭</a></div>\n'
        + f'<div class="xl_related"><div class="tit">相关新闻</div><ul>{related_items}</ul></div>\n'
        + "</div></div>"
    )
    head = chrome.head(
        f"{article.title}----{INSTITUTE}", _article_metas(column, article), column.option("charset")
    )
    boxes = extra.side_boxes(latest, hot) if heavy else ""
    text = _frame(column, head, boxes, content, heavy)
    return html_page(text, content_type(column), article.last_modified, "gbk")


def render_home(listings: Sequence[tuple[Column, Sequence[Article]]]) -> Page:
    """The site's home page: the seven newest articles of each column (listed newest first)."""
    blocks = []
    for column, items in listings:
        rows = "".join(
            f'<li><span>{day(a)}</span><a href="{relative(a.path, "/trs/index.html")}" target="_blank" '
            f'title="{esc(a.title)}">{esc(clip(a.title, 26))}</a></li>'
            for a in items[:7]
        )
        blocks.append(
            f'<div class="box fl" style="width:390px;margin-right:10px"><div class="tit">{esc(column.name)}'
            f'<a class="fr more" href="{column.path}">更多&gt;&gt;</a></div><ul>{rows}</ul></div>'
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
    newest = max(a.last_modified for _, items in listings for a in items)
    return html_page(text, "text/html", newest, "gbk")


def template_pages() -> dict[str, Page]:
    """The pages the template links to that hold no news: menu sections, style sheet, script, images."""
    pages = {
        path: html_page(chrome.static_page(path, name), "text/html", None, "gbk")
        for path, name in chrome.static_paths().items()
    }
    pages["/trs/images/style.css"] = Page(chrome.STYLE.encode(), "text/css", None)
    pages["/trs/images/jquery-1.8.3.min.js"] = Page(
        b"/* jQuery is not bundled with the offline demo. */\n", "application/javascript", None
    )
    images = (
        "logo",
        "qrcode",
        "gaba",
        "zt_xxjy",
        "zt_kxr",
        "piao",
        *(f"tp{i}" for i in range(len(chrome.PHOTOS))),
    )
    for name in images:
        pages[f"/trs/images/{name}.png"] = Page(png(name), "image/png", None)
    return pages
