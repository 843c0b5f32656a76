"""People and organisations in bylines: turn a raw label value into a clean author/editor/source string.

Used by the info-line reader (``infoline.py``) and the byline finders (``bylines.py``). Pure string rules:
``clean_people("本报记者 王建宏 张文攀 报道")`` -> ``"王建宏、张文攀"``;
``clean_source("[ 国际金融报 ] 2021-01-05")``
-> ``"国际金融报"``. Values that do not look like names (sentences, numbers, long text) give None.
"""

from __future__ import annotations

import logging
import re

from .dates import find_dates

logger = logging.getLogger(__name__)

# Common Chinese surnames (single and compound): used only to accept an *unlabelled* name line
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛"
    "邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路"
    "游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应"
    "臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆冀郁胥班储栗燕楚鄢劳谌奚皮粟冼"
    "蔺楼闻厉伊仝郜阚权帅屠朴盖练廉禹井祖漆巴丰支卿狄计索宣晋初扈晁芮阙浦戈伏鹿薄邸雍辜裘亓修邰赫杭况宿鲜逯隆茹"
    "诸战慕危亢嵇湛宾戎勾茅揭尉冶斯束檀衣昝幸奉衡富尧风山"
) | frozenset(
    (
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "令狐",
        "端木",
        "西门",
        "南宫",
        "独孤",
        "轩辕",
        "呼延",
        "申屠",
    )
)

# Words that look like a 2-4 character name but are not one
NOT_NAMES = frozenset(
    (
        "简介",
        "单位",
        "报道",
        "摄影",
        "来源",
        "编辑",
        "记者",
        "作者",
        "通讯员",
        "实习生",
        "本报",
        "本网",
        "本站",
        "新华社",
        "综合",
        "整理",
        "供稿",
        "转载",
        "原创",
        "责编",
        "审核",
        "校对",
        "图片",
        "视频",
        "专稿",
        "特稿",
        "评论",
        "网友",
        "佚名",
        "匿名",
        "未知",
        "不详",
        "admin",
        "管理员",
        "发布",
        "时间",
        "日期",
        "浏览",
        "点击",
        "阅读",
        "次数",
        "分享",
        "打印",
        "关闭",
        "字体",
        "大中小",
        "近日",
        "日前",
        "目前",
        "今年",
        "去年",
        "近期",
        "报告",
        "文章",
        "全文",
        "正文",
        "附件",
        "相关",
        "联系",
        "电话",
        "邮箱",
        "地址",
        "详情",
        "更多",
        "首页",
        "返回",
        "顶部",
        "本人",
        "转载文章",
        "写信",
        "回复",
        "指出",
        "出自",
        "手记",
        "随笔",
        "日记",
        "留言",
        "投稿",
        "登录",
        "注册",
        "推荐",
        "评论",
        "说明",
        "网络",
        "互联网",
        "本文",
        "原文",
    )
)
_ROLE_PREFIX = re.compile(
    r"^(?:[\u4e00-\u9fff·]{0,10}?(?:首席|特约|驻\S{1,4})?(?:记者|通讯员|实习生|特派员|撰稿人|主笔|作者)|本报|本刊|本网|本台)\s*"
)
_PLACE_SUFFIX = re.compile(r"(?:发自|报道|电|讯|摄影?|/?文|供图|整理|编译|编辑|撰写|翻译|口述)$")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,6}[·•．.][\u4e00-\u9fff]{1,8}$")
_LATIN_NAME_WORD = re.compile(r"^(?:[A-Z][a-zA-Z'’\-]*\.?|de|van|von|der|da|di|le|la|du|dos|del|bin|al-\w+)$")
_SEPARATORS = re.compile(r"\s*(?:[\s、，,;；/]|和|及|与)\s*")
_VERBISH = re.compile(r"[从在对向据为将把被是了的获悉表示介绍说]|文章|出处")
_ROLE_WORDS = frozenset(("记者", "通讯员", "实习生", "见习记者", "特约记者", "作者", "撰稿"))
_SENTENCE_START = re.compile(r"[，。！？；：“”]")
_BRACKETS = "()（）[]【】〔〕<>《》「」『』{}“”\"'‘’"
_SENTENCE = re.compile(r"[。！？!?；;]|\d{3,}|https?:|www\.")
_STAFF_CODE = re.compile(r"(?<=[\u4e00-\u9fff])_[A-Z]{1,5}\d{2,8}\b")
_EN_SPLIT = re.compile(r"\s*(?:,|\band\b|&|;)\s*")
_EN_STOP = re.compile(
    r"\s(?:on|at|in|for|from|\||-|–|—)\s|\s*\|\s*|\d|\bPosted\b|\bUpdated\b|\bPublished\b", re.I
)


def _strip(value: str) -> str:
    return value.strip(" \t\r\n\u3000\xa0:：,，.。;；、·-—|｜/" + _BRACKETS)


def clean_source(raw: str | None) -> str | None:
    """The organisation named by a 来源/Source value, without dates, brackets and trailing chrome."""
    if not raw:
        return None
    value = raw
    dates = find_dates(value)
    if dates:
        value = value[: dates[0][0]]
    value = value.strip()
    if m := re.match(r"^[\[【〔(（《]\s*([^\]】〕)）》]{1,60}?)\s*[\]】〕)）》]", value):
        value = m.group(1)
    value = re.split(r"\s{2,}|[|｜【\[]", value)[0]
    value = _strip(value)
    if not value or len(value) > 60 or _SENTENCE.search(value) or value.isdigit():
        return None
    return value


def _cut_sentence(value: str) -> str:
    """The value up to where running text starts: "王建宏 张文攀 土豆，听名字…" -> "王建宏 张文攀".

    A comma between two short names ("张三，李四") separates names and does not start a sentence.
    """
    pos = 0
    while m := _SENTENCE_START.search(value, pos):
        rest = value[m.end() :]
        if m.group(0) in "，" and re.match(r"\s*[\u4e00-\u9fff·]{2,4}(?:\s|$|[，、）)])", rest):
            pos = m.end()
            continue
        head = value[: m.start()]
        if head and not head[-1].isspace() and len(head.split()) > 1:
            head = head.rsplit(None, 1)[0]
        return head
    return value


def _cjk_names(tokens: list[str]) -> list[str]:
    names: list[str] = []
    for token in tokens:
        token = _strip(token)
        if not token:
            continue
        if token in _ROLE_WORDS:  # "记者 吴刚 通讯员 邓丽": roles between names
            continue
        if token.endswith("报道") and names:  # "（姚峰 上海报道）": a place, the names are done
            break
        stem = _PLACE_SUFFIX.sub("", token)
        if _CJK_NAME.match(stem) and stem not in NOT_NAMES:
            names.append(stem)
            if stem != token:  # "张三摄", "李四供图": the name ends here
                break
            continue
        if names or stem != token:
            break
        if _ROLE_PREFIX.match(token):  # "新华社记者" standing alone before the names
            continue
        break
    return names


def _latin_names(value: str) -> list[str]:
    value = _EN_STOP.split(value, maxsplit=1)[0]
    names = []
    for part in _EN_SPLIT.split(value):
        words = part.split()
        if 1 <= len(words) <= 5 and all(_LATIN_NAME_WORD.match(w) for w in words):
            names.append(" ".join(words))
        elif names:
            break
        else:
            return []
    return names


def clean_people(raw: str | None, *, free: bool = False, surname: bool = False) -> str | None:
    """Names in an author/editor value: Chinese names joined by 、, Latin names by ", "; None if none.

    ``free``: a value that is not a list of names but short and sentence-free (a pen name, a department) is
    kept as is (for 作者 labels). ``surname``: Chinese names must start with a common surname (or hold a ·).
    """
    if not raw:
        return None
    value = _strip(raw)
    value = _ROLE_PREFIX.sub("", value, count=1).strip()
    value = _STAFF_CODE.sub("", value)  # portals tag editors with a staff code: 王芳_NB12345
    if not value:
        return None
    if re.match(r"[A-Za-z]", value):
        names = _latin_names(value)
        return ", ".join(names) if names else None
    value = _cut_sentence(
        re.split(r"\s*/\s*(?:文|摄|图)|发自|(?<=[\u4e00-\u9fff]{2})电(?=[\s（(]|$)", value)[0]
    )
    tokens = [t for t in _SEPARATORS.split(value) if t]
    names = _cjk_names(tokens)
    if surname:
        names = names if all(_has_surname(n) for n in names) else []
    if names:
        return "、".join(dict.fromkeys(names))
    first = _strip(tokens[0]) if tokens else ""
    if (
        free
        and 2 <= len(first) <= 12
        and not _SENTENCE.search(first)
        and first not in NOT_NAMES
        and not find_dates(first)
        and not _PLACE_SUFFIX.search(first)
        and not _VERBISH.search(first)
    ):
        return first
    return None


def _has_surname(name: str) -> bool:
    return "·" in name or name[0] in SURNAMES or name[:2] in SURNAMES


def looks_like_person(value: str | None, strict: bool = False) -> bool:
    """True for a Chinese personal name (2-4 characters, or a name with ·), not an organisation.

    ``strict`` also requires a common surname: used for names that stand with no label at all.
    """
    if not value or not _CJK_NAME.match(value) or value in NOT_NAMES:
        return False
    if re.search(r"[报网社台局厅部委院所校会司处办站馆室科组队团中心]$", value):
        return False
    if strict:
        return value[0] in SURNAMES or value[:2] in SURNAMES
    return True
