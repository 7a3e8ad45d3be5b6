from datetime import datetime
from types import SimpleNamespace

from support.text_samples.common import NAME

_notice = SimpleNamespace(id=5, text="明天穿校服<b>", ack=True, urgent=True)

SAMPLES = {
    "notice": _notice, "confirmed": 2, "families": 3, "at": datetime(2026, 12, 4, 7, 0), "held": True,
    "limit": 10, "name": "when", "value": "<b>x</b>", "children": [NAME, "小红"], "ref": "#9<b>",
    "missing": [SimpleNamespace(child=NAME, guardians=["小明妈妈<i>"])], "posted": False,
    "post_at": datetime(2026, 12, 4, 7, 0), "remind_at": datetime(2026, 12, 5, 7, 0), "reminded": False,
    "class_name": "三年级二班<b>",
    "week_figures": [{"title": "明天穿校服<b>", "ack": True, "confirmed": 3, "families": 4, "rate": 75},
                     {"title": "周五放假<i>", "ack": False, "confirmed": None, "families": 4, "rate": None}],
}
