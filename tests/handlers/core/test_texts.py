"""Every text renders in every language, escapes what users typed, and both languages have the same texts."""
import importlib
import pkgutil

import pytest

import support.text_samples as text_samples
from handlers.core.texts import LANGUAGES, features, macros, render
from support.text_samples.common import NAME, SAMPLES, SAMPLES_BY_FEATURE


def samples_for(feature: str) -> dict:
    values = dict(SAMPLES)
    values.update(SAMPLES_BY_FEATURE.get(feature, {}))
    for module in pkgutil.iter_modules(text_samples.__path__):
        if module.name == feature:
            values.update(importlib.import_module(f"support.text_samples.{module.name}").SAMPLES)
    return values


ALL_TEXTS = [(lang, feature, name, arguments)
             for lang in LANGUAGES for feature in features(lang)
             for name, arguments in macros(lang, feature).items()]


def test_both_languages_have_the_same_texts_with_the_same_arguments():
    assert features("zh") == features("en")
    for feature in features("zh"):
        assert macros("zh", feature) == macros("en", feature), feature


@pytest.mark.parametrize("language,feature,name,arguments", ALL_TEXTS,
                         ids=[f"{lang}-{feature}.{name}" for lang, feature, name, _ in ALL_TEXTS])
def test_every_text_renders_and_escapes_names(language, feature, name, arguments):
    values = samples_for(feature)
    missing = [argument for argument in arguments if argument not in values]
    assert not missing, f"add samples for {missing} in tests/support/text_samples/"
    text = render(language, f"{feature}.{name}", **{argument: values[argument] for argument in arguments})
    assert text.strip(), "renders to nothing"
    assert "<b>&" not in text and "<i>" not in text, "a user-supplied name was not escaped"
    if any(values[argument] == NAME for argument in arguments) and feature != "usage":
        assert "小明&lt;b&gt;&amp;" in text
