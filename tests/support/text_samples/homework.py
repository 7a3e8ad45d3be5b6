from datetime import date, datetime, time
from types import SimpleNamespace

from support.text_samples.common import NAME

_card = SimpleNamespace(id=7, subject="口算<b>", content="每日10分钟口算打卡 <i>", due_time=time(20, 0),
                        repeat=SimpleNamespace(value="weekdays"), until=date(2026, 12, 31),
                        grading=SimpleNamespace(value="score"))
_figures = SimpleNamespace(submitted=3, late=1, reviewed=2, total=4, missing=[SimpleNamespace(name=NAME)])

SAMPLES = {
    "card": _card, "day": date(2026, 11, 24), "due": datetime(2026, 11, 24, 20, 0), "done": 35, "total": 40,
    "subject": "口算<b>", "name": "grading", "limit": 32, "value": "<b>x</b>", "until": date(2026, 11, 1),
    "ref": "#9<b>", "subjects": ["口算", "英语<b>"], "child": NAME, "version": 2, "late": True,
    "note": "已评 小明：⭐⭐⭐", "grading": "score", "pieces": 3, "unseen": 1, "wechat": True, "commented": True,
    "grade": "92", "comment": "<b>很棒</b>",
    "item": SimpleNamespace(number=2, text="第3题 <b>"),
    "first": date(2026, 11, 24), "last": date(2026, 12, 7), "days": 10, "average": "60 → 88",
    "lines": [{"name": NAME, "submitted": 9, "rate": 80, "trend": "60 → 92"}, {"name": "小红", "submitted": 0,
                                                                             "rate": 0, "trend": ""}],
    "state": "reviewed", "redo": True,
    "items": [{"subject": "口算<b>", "content": "每日<i>", "due": "20:00", "children": [(NAME, "未交")],
               "done": None, "total": None},
              {"subject": "英语", "content": "背单词", "due": "19:00", "children": [], "done": 3, "total": 40}],
    "figures": _figures, "missing": [NAME, "小红"], "reminded": False, "families": 2,
    "week_figures": [{"subject": "口算<b>", "days": 5, "expected": 20, "submitted": 18, "on_time": 16, "rate": 90,
                      "on_time_rate": 80}],
}
