from datetime import date

SAMPLES = {"first": date(2026, 11, 23), "last": date(2026, 11, 29), "per_child": False, "title": "习惯打卡<b>",
           "weekday": 4, "at": "17:00"}
