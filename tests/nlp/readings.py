"""What the reader finds in a sentence, for the tests of its parts."""

from newsmon.nlp import analyze


def places(text: str) -> list[str]:
    """The LOC entities of a text as written, checking offsets."""
    out = []
    for e in analyze(text).entities:
        assert text[e.start : e.end] == e.text
        if e.type == "LOC":
            out.append(e.text)
    return out
