from support.text_samples.common import NAME

SAMPLES = {"minutes": 10, "numbered": [(1, NAME), (2, "拒绝")], "label": NAME, "url": "https://example.com/?a=1&b=2"}
