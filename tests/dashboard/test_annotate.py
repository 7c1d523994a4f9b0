"""An article cut into pieces with its triggers and quotes marked in place."""
from __future__ import annotations

from flashpoint.dashboard.annotate import annotate

TEXT = 'Petro said "we will respond" and Trump attacked.'


def test_pieces_give_back_the_text_and_mark_nested_spans() -> None:
    quote = {"quote_id": "Q1", "start": TEXT.index('"we'), "end": TEXT.index(' and')}
    respond = {"event_id": "E1", "trigger": {"start": TEXT.index("respond"), "end": TEXT.index("respond") + 7}}
    attack = {"event_id": "E2", "trigger": {"start": TEXT.index("attacked"), "end": TEXT.index("attacked") + 8}}
    pieces = annotate(TEXT, [respond, attack], [quote])
    assert "".join(p["text"] for p in pieces) == TEXT
    marked = [(p["text"], [e["event_id"] for e in p["events"]], [q["quote_id"] for q in p["quotes"]]) for p in pieces]
    assert ("respond", ["E1"], ["Q1"]) in marked and ("attacked", ["E2"], []) in marked
    assert [p["starts"] for p in pieces if p["starts"]] == [["quote-Q1"], ["event-E1"], ["event-E2"]]


def test_spans_outside_the_text_are_left_out() -> None:
    pieces = annotate("short", [{"event_id": "E", "trigger": {"start": 3, "end": 99}}], [])
    assert [p["text"] for p in pieces] == ["short"] and not pieces[0]["events"]
