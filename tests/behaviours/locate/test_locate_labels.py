"""Every gold span in behaviours/locate/labels*.csv is checked by code."""

from __future__ import annotations

from canvas_tui.behaviours.locate.labels import document, label_files, load, load_all, problems
from canvas_tui.document.holding import unit_holding


def test_every_label_is_a_stripped_unit_of_its_stated_kind_inside_its_document():
    issues = {f"{label.doc}: {label.request}": problems(label) for label in load_all()}
    assert {row: found for row, found in issues.items() if found} == {}


def test_every_label_anchor_lies_inside_its_gold_span():
    for label in load_all():
        text = document(label.doc)
        if label.anchor and label.selection is None:
            assert (label.start, label.end) == unit_holding(text, label.unit, label.anchor), label.request


def test_labels_hold_out_a_test_split_and_cover_every_request_style():
    labels = load()
    assert {l.split for l in labels} == {"dev", "test"}
    assert {"heading", "quote", "meaning", "ordinal", "position", "whole", "combined", "selection"} <= {
        l.style for l in labels
    }
    assert len(labels) >= 200


def test_blind_label_files_keep_their_own_split_apart_from_dev_and_test():
    for path in label_files()[1:]:
        splits = {label.split for label in load(path)}
        assert len(splits) == 1 and not splits & {"dev", "test"}, path.name
