"""What the code under test logged."""


def tracebacks(caplog) -> list[str]:
    """Messages logged with a traceback: what an unexpected error leaves behind."""
    return [record.getMessage() for record in caplog.records if record.exc_info]
