from types import SimpleNamespace

from support.text_samples.common import NAME

_signup = SimpleNamespace(id=4, title="护学岗<b>")
_rows = [SimpleNamespace(number=1, name="周一护学岗<i>", places=2, names=[NAME, "小红"], taken=2, full=True),
         SimpleNamespace(number=2, name="周二护学岗", places=3, names=[], taken=0, full=False)]
_term = SimpleNamespace(year=2026, autumn=True)

SAMPLES = {
    "signup": _signup, "rows": _rows, "row": _rows[0], "closed": False, "slot": "周一护学岗<b>", "taken": 2,
    "places": 3, "value": "<b>x</b>", "limit": 50, "name": "at", "ref": "#9<b>", "count": 2, "term": _term,
    "class_name": "三年级二班<b>",
    "helped": [SimpleNamespace(name=NAME, points=2, places=["护学岗 · 周一护学岗<i>", "护学岗 · 周二护学岗"])],
    "idle": 3,
    "week_figures": [{"title": "护学岗<b>", "taken": 5, "places": 6, "rate": 83, "taken_week": 2, "closed": False},
                     {"title": "运动会<i>", "taken": 4, "places": 4, "rate": 100, "taken_week": 0, "closed": True}],
}
