from datetime import datetime
from types import SimpleNamespace

from support.text_samples.common import NAME

_single = {"kind": "single", "text": "您对本学期家校沟通是否满意？<b>", "options": ["很满意", "满意<i>"],
           "optional": False}
_rating = {"kind": "rating", "text": "孩子在家的阅读习惯", "options": [], "optional": False, "low": 1, "high": 5}
_text = {"kind": "text", "text": "其他建议", "options": [], "optional": True}
_survey = SimpleNamespace(id=4, title="家长满意度调查<b>", anonymous=True, per_family=True)
_figures = [
    SimpleNamespace(number=1, question=_single, labels=["很满意", "满意<i>"], counts=[2, 1], percents=[67, 33],
                    answered=3, mean=None, texts=[]),
    SimpleNamespace(number=2, question=_rating, labels=["1", "2", "3", "4", "5"], counts=[0, 0, 1, 1, 1],
                    percents=[0, 0, 33, 33, 33], answered=3, mean=4.0, texts=[]),
    SimpleNamespace(number=3, question=_text, labels=[], counts=[], percents=[], answered=2, mean=None,
                    texts=[("多组织亲子阅读<script>", NAME), ("没有", None)]),
]

SAMPLES = {
    "survey": _survey, "total": 7, "answered": 3, "until": datetime(2026, 12, 1, 18, 0), "closed": False,
    "problems": [(3, "anonymous: 只能写 yes 或 no"), (None, "缺少标题")], "value": "<b>x</b>", "name": "colour",
    "limit": 40, "given": 3, "expected": 2, "kind": "rating 9", "ref": "#9<b>", "number": 3, "question": _single,
    "chosen": ["很满意"], "written": "多组织亲子阅读<b>", "note": "请点下面的按钮作答。", "replaced": True,
    "respondents": 3, "questions": _figures, "bars": [["████████", "████"], ["", "", "█", "█", "█"], []],
    "text": "您对本学期家校沟通是否满意？", "missing": [NAME, "小红妈妈"], "missing_count": 2, "reminded": False,
    "title": "家长满意度调查", "people": 2, "tops": [(_figures[0], ["很满意"]), (_figures[1], ["4.0"])],
    "week_figures": [{"title": "家长满意度调查<b>", "answered": 2, "asked": 3, "rate": 67, "per_family": True,
                      "anonymous": True, "closed": False, "closed_on": None}],
}
