from types import SimpleNamespace

# A name with markup in it: rendering must escape it, never pass it through as HTML.
NAME = "小明<b>&"

SAMPLES = {
    "name": NAME, "child": NAME, "parent": "妈妈", "relation": "妈妈", "class_name": "三年级二班",
    "code": "ABC234", "link": "https://t.me/ClassBridgeBot?start=join-ABC234", "command": "roster",
    "value": "<x>", "action": "frobnicate", "roles": ["teacher", "rep"], "what": "child_name", "limit": 32,
    "role": "rep", "usage": "/join <code> <child>", "count": 3, "private": True, "group_is_class": False,
    "added": [NAME, "小红"], "skipped": ["小亮"], "reachable": 1, "changed": True, "timezone": "Asia/Shanghai",
    "language": "zh", "quiet_start": "21:30", "quiet_end": "07:00", "digest_weekday": 4, "digest_time": "16:00",
    "robot": "https://qyapi…key=abcd…wxyz", "suggestion": "checkin", "kind": "makeup",
    "extra": "额外 字", "classes": ["三年级二班", NAME],
    "more": ["每周报告：周五 17:00"],
}


def _student(name, number=None, status="active"):
    return SimpleNamespace(name=name, number=number, status=SimpleNamespace(value=status))


_guardian = (SimpleNamespace(display_name="妈妈<i>"), "妈妈", True)
SAMPLES_BY_FEATURE = {
    "roster": {
        "children": [(_student(NAME, "01"), [_guardian]), (_student("小红"), [])],
        "pending": [(_student("小亮", status="pending"), [_guardian])],
        "skipped": [(3, "小亮")],
        "invalid": [(4, "", "empty"), (5, "x" * 40, "too_long")],
    },
}
