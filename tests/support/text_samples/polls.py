from datetime import datetime
from types import SimpleNamespace

from support.text_samples.common import NAME

_poll = SimpleNamespace(id=3, question="周五亲子活动去哪里？<b>", options=["公园", "博物馆<i>"], multi=True,
                        anonymous=False)
_rows = [SimpleNamespace(text="公园", bar="██████", count=3, percent=75),
         SimpleNamespace(text="博物馆<i>", bar="██", count=1, percent=25)]

SAMPLES = {
    "poll": _poll, "rows": _rows, "voters": 4, "until": datetime(2026, 12, 4, 18, 0), "closed": False,
    "question": "周五亲子活动去哪里？<b>", "limit": 10, "value": "<b>x</b>", "name": "when", "option": "公园<b>",
    "options": ["公园", "博物馆<i>"], "ref": "#9<b>", "missing": [NAME, "小红妈妈"], "reminded": False, "people": 2,
    "count": 3,
    "week_figures": [{"question": "周五亲子活动去哪里？<b>", "voters": 3, "members": 4, "rate": 75, "closed": False},
                     {"question": "春游<i>", "voters": 4, "members": 4, "rate": 100, "closed": True}],
}
