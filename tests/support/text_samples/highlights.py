from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from support.text_samples.common import NAME

_entry = SimpleNamespace(child=SimpleNamespace(name=NAME), last=date(2026, 11, 3), recent=2)
_never = SimpleNamespace(child=SimpleNamespace(name="小红"), last=None, recent=0)

SAMPLES = {
    "id": 12, "text": "主动帮助同学 <b>", "photos": 12, "albums": 2, "thanks": 3, "thanked_week": date(2026, 11, 16),
    "at": datetime(2026, 11, 27, 16, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
    "week_from": date(2026, 11, 23), "week_to": date(2026, 11, 27),
    "items": [{"id": 12, "child": NAME, "text": "<i>整理图书</i>", "photos": 2}],
    "child_lines": [{"child": NAME, "texts": ["整理图书 <b>", "帮助同学"]}],
    "texts": ["整理图书 <b>", "帮助同学"], "thanked_by": [{"child": NAME, "who": "小明妈妈<i>"}],
    "span_weeks": 3, "families": 2, "ref": "#9<b>", "unseen": [_never, _entry], "seen": [_entry],
    "week_figures": [{"children": 6, "seen_week": 2, "seen_recent": 5, "weeks": 3, "rate_week": 33,
                      "rate_recent": 83}],
}
