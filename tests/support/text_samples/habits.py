from datetime import date, time, timedelta
from types import SimpleNamespace

from support.text_samples.common import NAME

_plan = SimpleNamespace(
    id=3, title="每天阅读<20>分钟", days=21, start_date=date(2026, 11, 25), end_date=date(2026, 12, 15),
    remind_at=time(20, 0), evidence=SimpleNamespace(value="photo"), makeup_quota=2,
    mode=SimpleNamespace(value="required"),
)
_summary = SimpleNamespace(joined_rate=100, joined=3, children=3, completed_rate=67, completed=2,
                           per_day=[(date(2026, 11, 25), 3), (date(2026, 11, 26), 2)])

_marks = ["done", "done", "makeup", "missed", "open"] + ["future"] * 16
SAMPLES = {
    "plan": _plan, "title": "每天阅读<20>分钟", "state": "running", "done": 8, "total": 40, "day": 8, "days": 21,
    "streak": 8, "longest": 9, "rate": 38, "makeups": 1, "quota": 2, "number": 4, "left": 1, "joined": 30,
    "date": date(2026, 11, 28), "start": date(2026, 11, 25), "end": date(2026, 12, 15),
    "rows": [(_plan, "running", None), (_plan, "upcoming", NAME)],
    "lines": [(NAME, True, 8, 8, 0), ("小红", False, 6, 0, 2)],
    "buckets": [10, 20, 5, 5],
    "weeks": [[(date(2026, 11, 25) + timedelta(days=i), mark) for i, mark in enumerate(_marks)][w:w + 7]
              for w in range(0, 21, 7)],
    "children": [NAME, "小红"], "stars": [NAME, "小红"], "improved": ["小亮"],
    "first": date(2026, 11, 20), "last": date(2026, 11, 26), "summary": _summary,
    "low": 1, "high": 100, "ref": "#9<b>",
    "plans": [dict(plan=_plan, day=8, done=8, total=40, joined=30, buckets=[10, 20, 5, 5])] * 2,
    "week_figures": [{"title": "每天阅读<b>", "days": 5, "children": 4, "done": 17, "rate": 85}],
}
