from datetime import date, datetime
from types import SimpleNamespace

from support.text_samples.common import NAME

_event = SimpleNamespace(id=4, title="期中家长会<b>")
_figures = SimpleNamespace(going=3, not_going=1, silent=2, present=4, families=6, rate=67, came_as_said=2,
                           absent_going=[NAME])

SAMPLES = {
    "event": _event, "at": datetime(2026, 12, 5, 15, 0), "until": datetime(2026, 12, 5, 17, 0), "going": True,
    "not_going": 1, "silent": 2, "open": True, "present": 4, "limit": 10, "value": "<b>x</b>", "name": "when",
    "ref": "#9<b>", "children": [NAME, "小红"], "figures": _figures, "final": True, "attached": True,
    "week_figures": [{"title": "期中家长会<b>", "day": date(2026, 11, 27), "going": 3, "not_going": 1, "families": 6,
                      "present": 4, "rate": 67, "held": True},
                     {"title": "开放日<i>", "day": date(2026, 11, 28), "going": 2, "not_going": 0, "families": 6,
                      "present": None, "rate": None, "held": False}],
}
