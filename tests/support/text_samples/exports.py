SAMPLES = {"rows": 12}
