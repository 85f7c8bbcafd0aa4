"""Edit operations: delete and move are done by code, insert splices only the model's new text, an explicit
substitution is done by code; nothing outside the touched passages changes, and each is logged."""

from __future__ import annotations

import pytest

from canvas_tui.behaviours.base import LocateDecision, PolicyDecision, Provenance
from canvas_tui.behaviours.policy.operations import operation_for, rule_operation
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.session import Session, splice
from canvas_tui.session.placement import MovePlan, SwapPlan, given_text, insert_where, move_plan, new_kind
from tests.fakes import fake_behaviours

DOC = (
    "# Plan\n\nWe ship on Monday. Everyone helps.\n\nThe budget is small.\n\n"
    "## Risks\n\n- Rain\n- Strikes\n\nThe venue may close early.\n"
)
FAKE = Provenance(implementation="fake", version="0")


class Policy:
    """Decides the given operation (the real rules choose it in the app)."""

    name, version = "fixed-operation", "0"

    def __init__(self, operation: str) -> None:
        self.operation = operation

    async def decide(self, document: str, request: str, target: LocateDecision) -> PolicyDecision:
        return PolicyDecision(label="targeted", score=0.9, threshold=0.5, operation=self.operation, provenance=FAKE)


def _session(settings, decision_log, operation, needle, replies=(), *, text=DOC, title="plan"):
    behaviours = fake_behaviours(trigger=["edit"], needle=needle)
    behaviours.policy = Policy(operation)
    session = Session(ScriptedClient(list(replies)), behaviours, decision_log, settings)
    session.open_document(text, title=title)
    return session


@pytest.mark.parametrize(
    ("request_text", "expected"),
    [
        ("delete the last paragraph", "delete"),
        ("Remove the second paragraph.", "delete"),
        ("please remove this sentence", "delete"),
        ("remove the word 'very'", None),
        ("remove the jargon", None),
        ("Move the last paragraph to the top", "move"),
        ("swap the first two paragraphs", "move"),
        ("reorder the list by importance", None),
        ("add a sentence at the end about costs", "insert"),
        ("Add a bullet “Book the hall.” to the list", "insert"),
        ("add more detail", None),
        ("replace “Monday” with “Friday”", "replace"),
        ("Rename the Risks heading to Open risks", "replace"),
        ("change the Risks heading to Open risks", "replace"),
        ("change the intro section to sound warmer", None),
        ("use 'customers' instead of 'users'", "replace"),
        ("remove the last part and make it a full script", None),
    ],
)
def test_the_request_names_its_operation(request_text, expected):
    assert rule_operation(request_text) == expected


def test_without_a_named_operation_the_label_decides():
    assert operation_for("fix the typo", "targeted") == "replace"
    assert operation_for("make it friendlier", "rewrite") == "rewrite"


async def test_delete_removes_the_paragraph_and_its_gap_without_asking_the_model(settings, decision_log):
    session = _session(settings, decision_log, "delete", "The budget is small.")
    result = await session.turn("delete the paragraph about the budget")
    assert session.document.text == DOC.replace("\n\nThe budget is small.", "")
    assert session.client.requests == [] and "operation=delete" in result.status_line
    edit = [d for d in decision_log.decisions() if d.behaviour == "edit"][-1]
    assert edit.implementation == "code-delete" and edit.output["operation"] == "delete"


async def test_deleting_the_whole_document_is_refused(settings, decision_log):
    session = _session(settings, decision_log, "delete", None)
    result = await session.turn("delete everything")
    assert session.document.text == DOC and "not applied" in result.notices[0].message


async def test_move_puts_a_paragraph_at_the_end_and_keeps_every_other_byte(settings, decision_log):
    session = _session(settings, decision_log, "move", "We ship on Monday. Everyone helps.")
    await session.turn("move the first paragraph to the end of the document")
    assert session.document.text == (
        "# Plan\n\nThe budget is small.\n\n## Risks\n\n- Rain\n- Strikes\n\n"
        "The venue may close early.\n\nWe ship on Monday. Everyone helps.\n"
    )
    assert session.client.requests == []


async def test_swap_exchanges_the_first_two_paragraphs(settings, decision_log):
    session = _session(settings, decision_log, "move", "We ship on Monday.")
    await session.turn("swap the first two paragraphs")
    assert session.document.text.startswith(
        "# Plan\n\nThe budget is small.\n\nWe ship on Monday. Everyone helps.\n\n## Risks"
    )


async def test_insert_splices_only_the_models_new_sentence_at_the_end_of_the_paragraph(settings, decision_log):
    reply = "Here is the sentence:\nIt is enough for the hall."
    session = _session(settings, decision_log, "insert", "The budget is small.", [reply])
    await session.turn("add a sentence to the end of this paragraph about the hall")
    assert session.document.text == DOC.replace(
        "The budget is small.", "The budget is small. It is enough for the hall."
    )
    assert session.client.requests[0].purpose == "insert"


async def test_a_quoted_bullet_is_added_to_the_end_of_the_list_by_code(settings, decision_log):
    session = _session(settings, decision_log, "insert", "- Rain")
    await session.turn("Add a bullet “Late deliveries” to the list")
    assert "- Rain\n- Strikes\n- Late deliveries\n\nThe venue" in session.document.text
    assert session.client.requests == []


@pytest.mark.parametrize(
    ("request_text", "expected"),
    [
        ("Add a point “Send invites.” after point 2", "1. Pick.\n2. Book.\n3. Send invites.\n4. Buy.\n"),
        ("Add a point “Send invites.” before point 2", "1. Pick.\n2. Send invites.\n3. Book.\n4. Buy.\n"),
    ],
)
async def test_a_point_added_beside_a_named_point_goes_there_and_the_list_counts_on(
    settings, decision_log, request_text, expected
):
    session = _session(
        settings, decision_log, "insert", "2. Book.", text="# Party\n\n1. Pick.\n2. Book.\n3. Buy.\n", title="party"
    )
    await session.turn(request_text)
    assert session.document.text == "# Party\n\n" + expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("Then:\n\n6. Rest.\n7. Sleep.\n", "Then:\n\n5. Rest.\n6. Sleep.\n"),
        ("Then:\n\n1. Rest.\n2. Sleep.\n", "Then:\n\n1. Rest.\n2. Sleep.\n"),
        ("1. Rest.\n2. Sleep.\n", "1. Rest.\n2. Sleep.\n"),
        ("Then:\n\n10. Rest.\n", "Then:\n\n10. Rest.\n"),
        ("6. Rest.\n\nLater:\n\n7. Sleep.\n\n1. Wake.\n", "5. Rest.\n\nLater:\n\n6. Sleep.\n\n1. Wake.\n"),
    ],
    ids=["continues-after-a-paragraph", "counts-afresh", "counts-afresh-after-a-blank-line", "own-numbers", "chain"],
)
async def test_deleting_a_numbered_point_renumbers_its_list_and_a_list_that_visibly_continues_it(
    settings, decision_log, after, expected
):
    steps = "1. Pick a date.\n2. Invite people.\n3. Book the hall.\n   Call first.\n4. Buy food.\n5. Clean up.\n"
    needle = "3. Book the hall.\n   Call first."
    session = _session(settings, decision_log, "delete", needle, text=f"# Party\n\n{steps}\n{after}", title="party")
    await session.turn("Remove point 3")
    assert session.document.text == (
        f"# Party\n\n1. Pick a date.\n2. Invite people.\n3. Buy food.\n4. Clean up.\n\n{expected}"
    )


async def test_a_point_added_to_a_list_counts_on_a_list_that_visibly_continues_it(settings, decision_log):
    lists = "1. Pick.\n2. Book.\n3. Buy.\n\nThen:\n\n4. Rest.\n\n1. Other.\n"
    session = _session(settings, decision_log, "insert", "2. Book.", text=lists, title="party")
    await session.turn("Add a point “Send invites.” after point 2")
    assert session.document.text == "1. Pick.\n2. Book.\n3. Send invites.\n4. Buy.\n\nThen:\n\n5. Rest.\n\n1. Other.\n"


async def test_deleting_a_heading_removes_its_line_not_the_section_under_it(settings, decision_log):
    session = _session(settings, decision_log, "delete", "## Risks\n\n- Rain\n- Strikes\n\nThe venue may close early.")
    session.behaviours.locator.unit = "section"
    await session.turn("Delete the Risks heading")
    assert session.document.text == DOC.replace("## Risks\n\n", "")


@pytest.mark.parametrize("request_text", ["Remove point 9", "Delete item 3"])
async def test_deleting_a_point_the_document_does_not_have_deletes_nothing_and_says_so(
    settings, decision_log, request_text
):
    session = _session(settings, decision_log, "delete", "The budget is small.")
    result = await session.turn(request_text)
    assert session.document.text == DOC and "the document has no" in result.notices[0].message


async def test_a_step_named_by_its_label_in_the_text_is_not_missing(settings, decision_log):
    guide = "# Guide\n\n## Step 1: Build\n\nMake it.\n\n## Step 2: Test\n\nRun it.\n"
    session = _session(settings, decision_log, "delete", "## Step 2: Test\n\nRun it.", text=guide, title="guide")
    await session.turn("Remove step 2")
    assert session.document.text == "# Guide\n\n## Step 1: Build\n\nMake it.\n"


def test_a_point_added_at_the_end_of_a_list_leaves_the_next_list_alone():
    text = "1. A\n2. B\n3. New\n\n1. X\n2. Y\n"
    assert splice.counted_on(text, text.index("3. New") + len("3. New"), "3. New") == text


def test_a_cut_without_a_numbered_point_or_before_another_list_renumbers_nothing():
    assert splice.renumbered("1. A.\n\nText.\n\n3. C.\n", 5, "\n2. B.") == "1. A.\n\nText.\n\n3. C.\n"
    assert splice.renumbered("1. A.\n3. C.\n", 5, " sentence.") == "1. A.\n3. C.\n"


async def test_an_insertion_that_only_repeats_the_document_is_refused(settings, decision_log):
    session = _session(settings, decision_log, "insert", "The budget is small.", ["Everyone helps."])
    result = await session.turn("add a sentence to this paragraph")
    assert session.document.text == DOC and "repeated" in result.notices[0].message


async def test_an_explicit_substitution_is_done_by_code_inside_the_target_only(settings, decision_log):
    session = _session(settings, decision_log, "replace", "We ship on Monday. Everyone helps.")
    await session.turn("replace “Monday” with “Friday”")
    assert session.document.text == DOC.replace("Monday", "Friday") and session.client.requests == []


async def test_a_title_change_goes_to_the_title_whatever_was_located(settings, decision_log):
    session = _session(settings, decision_log, "replace", "The venue may close early.")
    await session.turn("Change the title to “Launch plan”")
    assert session.document.text == DOC.replace("# Plan", "# Launch plan")


@pytest.mark.parametrize(
    "request_text",
    [
        'Rename the heading "Risks" to "Open risks"',
        'Change the heading "Risks" to "Open risks"',
        'Rename the "Risks" section to "Open risks"',
        "Rename the Risks heading to Open risks",
        "rename the Risks section to Open risks.",
        "Change the heading Risks to Open risks",
    ],
)
async def test_a_heading_renamed_by_its_words_is_that_heading_not_the_title(settings, decision_log, request_text):
    session = _session(settings, decision_log, "replace", "The venue may close early.")
    result = await session.turn(request_text)
    assert session.document.text == DOC.replace("## Risks", "## Open risks") and session.client.requests == []
    assert [part for part in result.status if part.startswith("locate=")] == ['locate=§2 "Risks" heading (named)']
    assert [d.behaviour for d in decision_log.decisions()].count("locate") == 2, "the locator's choice is logged too"


@pytest.mark.parametrize(
    ("request_text", "located", "unit"),
    [
        ("Rename the Risks heading to Open risks", "The venue may close early.", "sentence"),
        ("Change the title to “Launch plan”", "The venue may close early.", "sentence"),
        ('Replace "Monday" with "Friday"', "not in the text", "document"),
        ("Make “The budget is small.” warmer", "The venue may close early.", "paragraph"),
    ],
)
async def test_the_place_a_request_names_is_logged_with_its_own_unit(
    settings, decision_log, request_text, located, unit
):
    """A heading's or the title's words are a heading line, a one-line unit the locator reports as `sentence` (locate
    spec); a substitution naming no part is the whole document; a quoted passage is its paragraph. The policy is
    asked about that same unit."""
    session = _session(settings, decision_log, "replace", located, ["The budget is tiny."])
    await session.turn(request_text)
    named = next(d for d in decision_log.decisions(behaviour="locate") if d.implementation == "named-place")
    policy = next(decision_log.decisions(behaviour="policy"))
    assert named.output["unit"] == policy.input["unit"] == unit


@pytest.mark.parametrize(
    "request_text", ["Rename the Dangers heading to Open risks", "change the venue section to a short list"]
)
async def test_a_rename_in_unquoted_words_that_no_heading_reads_is_the_models_edit(
    settings, decision_log, request_text
):
    session = _session(settings, decision_log, "replace", "The venue may close early.", ["The venue may close."])
    await session.turn(request_text)
    assert session.client.requests[0].purpose == "edit" and "The venue may close." in session.document.text


async def test_a_substitution_naming_no_part_replaces_every_whole_word_occurrence(settings, decision_log):
    text = "# Review\n\nA CL is a change list. Send your CL early.\n\nSmall CLs review fast. Every CL needs a test.\n"
    session = _session(settings, decision_log, "replace", "not in the text", text=text, title="review")
    result = await session.turn('Replace "CL" with "change"')
    assert session.document.text == text.replace(" CL ", " change ") and session.client.requests == []
    assert "whole document" in result.status_line


async def test_a_substitution_leaves_links_addresses_and_file_paths_alone(settings, decision_log):
    text = (
        "---\nimage: /assets/cards/accessibility-tips.png\n---\n# Tips\n\n"
        "Good accessibility matters. See [the kit](https://github.com/open-accessibility/accessibility-kit), "
        "templates/accessibility.yml and accessibility@example.org.\n"
    )
    session = _session(settings, decision_log, "replace", None, text=text, title="tips")
    await session.turn('Replace "accessibility" with "a11y"')
    assert session.document.text == text.replace("Good accessibility", "Good a11y")


async def test_replacing_words_the_document_does_not_hold_changes_nothing_and_says_so(settings, decision_log):
    session = _session(settings, decision_log, "replace", "The budget is small.")
    result = await session.turn('Replace "homepage" with "landing page"')
    assert session.document.text == DOC and "“homepage” does not appear" in result.reply
    assert session.client.requests == []


async def test_words_found_only_inside_other_words_do_not_appear(settings, decision_log):
    session = _session(settings, decision_log, "replace", "The venue may close early.")
    result = await session.turn('Replace "CL" with "change"')
    assert "“CL” does not appear" in result.reply and session.client.requests == []


async def test_a_replacement_with_nothing_to_substitute_is_the_models_targeted_edit(settings, decision_log):
    session = _session(settings, decision_log, "replace", "The budget is small.", ["The budget is tiny."])
    await session.turn("make the budget sound smaller")
    assert "The budget is tiny." in session.document.text and session.client.requests[0].purpose == "edit"


def test_splices_keep_the_documents_own_separation():
    text = "A.\n\nB.\n\nC.\n"
    assert splice.deletion(text, 4, 6) == (2, 6)
    listed = "Intro.\n\n1. A.\n2. B.\n"
    assert splice.deletion(listed, 8, 13) == (8, 14), "the first item of a list keeps the blank line before the list"
    assert splice.deletion("One. Two. Three.", 5, 9) == (5, 10)
    assert splice.move(text, 0, 2, 10, "after") == "B.\n\nC.\n\nA.\n"
    assert splice.swap(text, (0, 2), (4, 6)) == "B.\n\nA.\n\nC.\n"
    with pytest.raises(ValueError):
        splice.move(text, 4, 6, 2, "after")


def test_requests_are_read_for_place_kind_and_given_text():
    assert move_plan("Move the last paragraph to the top, before the first paragraph.") == MovePlan(
        source="the last paragraph", destination=move_plan("move x before the first paragraph").destination
    )
    assert move_plan("swap the last two bullets of the “Risks” section") == SwapPlan(
        which="last", unit="bullets", scope="the “Risks” section"
    )
    assert move_plan("move it up") is None
    assert new_kind("Add a short example after the first paragraph") == "paragraph"
    assert given_text("Add a bullet “Ask a teammate.” to the list starting “Wanting to launch”") == "Ask a teammate."
    assert given_text("Add a sentence to the paragraph starting “If a reviewer” about costs") is None
    assert insert_where("add a line at the beginning of the paragraph beginning with “So”") == "before"
    assert insert_where("add a sentence to the paragraph beginning with “So”") == "after"
