"""Surface strings as values."""


def collapse_spaces(text: str) -> str:
    """Runs of whitespace as one space, ends stripped."""
    return " ".join(text.split())
