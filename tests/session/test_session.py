"""The turn orchestrator: routes each turn, changes the document only through validated versions, logs every decision."""

from __future__ import annotations

import json

import pytest

from canvas_tui.behaviours.base import Span
from canvas_tui.behaviours.comment import CommentProposals, ProposalResult, ProposedComment
from canvas_tui.llm.errors import ModelUnavailable
from canvas_tui.llm.scripted import ScriptedClient
from canvas_tui.log.records import standing
from canvas_tui.session import Session
from canvas_tui.session.events import CanvasDelta, ChatDelta
from tests.fakes import fake_behaviours

DOC = "# Plan\n\nWe ship on Monday. Everyone helps.\n\nThe budget is small.\n"


def make_session(settings, decision_log, replies, document=None, **behaviours):
    session = Session(ScriptedClient(replies), fake_behaviours(**behaviours), decision_log, settings)
    if document is not None:
        session.open_document(document, title="plan")
    return session


async def test_an_inline_turn_streams_a_chat_reply_and_logs_the_trigger(settings, decision_log):
    session = make_session(settings, decision_log, ["Paris is the capital of France."], trigger=["inline"])
    events = []
    result = await session.turn("What is the capital of France?", emit=events.append)
    assert result.kind == "chat"
    assert result.reply == "Paris is the capital of France."
    assert "".join(e.text for e in events if isinstance(e, ChatDelta)) == result.reply
    assert result.status_line.startswith("trigger=inline 0.90")
    assert [d.behaviour for d in decision_log.decisions()] == ["trigger"]
    assert session.document is None


async def test_a_new_document_asked_for_in_an_empty_file_is_written_into_that_file(settings, decision_log, tmp_path):
    session = make_session(settings, decision_log, ["# Offsite\n\nA day by the lake."], trigger=["new_document"])
    opened = session.open_document("\n", title="empty.md", path=tmp_path / "empty.md")
    result = await session.turn("Write a short plan for a team offsite")
    assert session.document is opened and opened.path == tmp_path / "empty.md"
    assert opened.text == "# Offsite\n\nA day by the lake." and "into empty.md" in result.reply
    assert session.undo() and opened.text == "\n"


async def test_a_new_document_that_replaces_an_open_one_says_so(settings, decision_log):
    session = make_session(settings, decision_log, ["# Email\n\nHello team."], document=DOC, trigger=["new_document"])
    result = await session.turn("Write an email to the team announcing this plan")
    assert session.document.text == "# Email\n\nHello team." and "in place of “plan”" in result.reply


async def test_undo_brings_back_the_document_a_new_one_replaced_and_redo_replaces_it_again(
    settings, decision_log, tmp_path
):
    reply = json.dumps({"comments": [{"quote": "The budget is small.", "comment": "How small?"}]})
    session = make_session(
        settings, decision_log, [reply, "# Email\n\nHello team."], trigger=["comment", "new_document"]
    )
    plan = session.open_document(DOC, title="plan.md", path=tmp_path / "plan.md")
    session.user_edit(DOC + "\nA late line.\n")
    await session.turn("critique this")
    result = await session.turn("Write an email to the team announcing this plan")
    assert "in place of “plan.md”" in result.reply and "Ctrl+Z brings it back" in result.reply
    assert result.replaced == "plan.md"
    email = session.document

    assert session.undo() is not None
    assert session.document is plan and session.canvas_open
    assert (plan.text, plan.title, plan.path, plan.current) == (
        DOC + "\nA late line.\n",
        "plan.md",
        tmp_path / "plan.md",
        1,
    )
    assert [c.quote for c in plan.active_comments] == ["The budget is small."]
    *_, router = decision_log.decisions(behaviour="router")
    assert [(c.kind, c.decision_id) for c in decision_log.corrections()] == [("new_document_undone", router.id)]
    assert session.undo() is not None and plan.text == DOC, "older versions of the document undo as before"

    assert session.redo() is not None and session.document is plan, "redo first redoes the document's own version"
    assert session.redo() is not None and session.document is email
    assert session.redo() is None
    assert [c.kind for c in decision_log.corrections()] == ["new_document_undone", "new_document_redone"]
    assert list(standing(decision_log.corrections)) == [], "undo then redo rejects nothing"


async def test_undoing_a_replacement_then_editing_the_document_brought_back_forgets_the_replacement(
    settings, decision_log
):
    session = make_session(settings, decision_log, ["# Email\n\nHello team."], document=DOC, trigger=["new_document"])
    plan = session.document
    await session.turn("Write an email to the team announcing this plan")
    session.undo()
    session.user_edit(DOC + "More.\n")
    session.undo()
    assert session.redo() is not None and plan.text == DOC + "More.\n"
    assert session.redo() is None and session.document is plan


async def test_a_canvas_turn_streams_a_new_document_into_the_canvas(settings, decision_log):
    session = make_session(settings, decision_log, ["# Ode to tea\n\nSteam rises."], trigger=["canvas"])
    events = []
    result = await session.turn("Write a poem about tea", emit=events.append)
    assert result.kind == "new_document"
    assert session.canvas_open and session.document.text == "# Ode to tea\n\nSteam rises."
    assert session.document.title == "Ode to tea"
    assert "".join(e.text for e in events if isinstance(e, CanvasDelta)) == "# Ode to tea\n\nSteam rises."


async def test_an_empty_new_document_creates_nothing_and_says_so(settings, decision_log):
    session = make_session(settings, decision_log, ["   "], trigger=["canvas"])
    result = await session.turn("Write an essay")
    assert result.kind == "failed" and session.document is None
    assert "wrote nothing" in result.notices[0].message


async def test_an_edit_replaces_only_the_located_span_as_a_model_version(settings, decision_log):
    session = make_session(
        settings,
        decision_log,
        ["We ship on Tuesday."],
        document=DOC,
        trigger=["edit"],
        needle="We ship on Monday.",
        policy="targeted",
    )
    result = await session.turn("change Monday to Tuesday")
    assert result.kind == "edit" and result.document_changed
    assert session.document.text == DOC.replace("Monday", "Tuesday")
    version = session.document.versions[-1]
    assert version.author == "model" and version.change.old == "Mon" and version.change.new == "Tues"
    assert [d.behaviour for d in decision_log.decisions()] == ["router", "locate", "policy", "edit"]
    assert "policy=targeted" in result.status_line


@pytest.mark.parametrize(
    "reply, reason",
    [
        ("", "no text"),
        ('{"text": "We ship on Tuesday."}', "JSON"),
        ("Request: change Monday\nWe ship on Tuesday.", "instructions"),
        ("Completely different words about bananas and kites.", "rewrote the passage"),
    ],
)
async def test_a_bad_edit_reply_leaves_the_document_unchanged_and_says_why(settings, decision_log, reply, reason):
    session = make_session(
        settings, decision_log, [reply], document=DOC, trigger=["edit"], needle="We ship on Monday.", policy="targeted"
    )
    result = await session.turn("we should ship a day later")
    assert session.document.text == DOC and not result.document_changed
    assert reason in result.notices[0].message and "unchanged" in result.notices[0].message
    edit = [d for d in decision_log.decisions() if d.behaviour == "edit"][0]
    assert edit.fallback and edit.raw_reply == reply


async def test_a_selection_skips_the_locator_and_the_log_says_so(settings, decision_log):
    session = make_session(
        settings,
        decision_log,
        ["The budget is tiny."],
        document=DOC,
        trigger=["edit"],
        needle="We ship",
        policy="rewrite",
    )
    start = DOC.index("The budget")
    result = await session.turn("make this punchier", selection=Span(start=start, end=start + 20))
    assert session.document.text == DOC.replace("The budget is small.", "The budget is tiny.")
    locate = [d for d in decision_log.decisions() if d.behaviour == "locate"][0]
    assert locate.implementation == "selection" and locate.output["from_selection"] is True
    assert "locate=selection sentence" in result.status_line and "(locator skipped)" in result.status_line
    assert result.status_line.count("selection") == 1, "the status line says it once, so it fits"


async def test_an_unsure_locator_asks_and_the_answer_is_logged_as_a_label(settings, decision_log):
    other = Span(start=DOC.index("The budget"), end=DOC.index("The budget") + 20)
    session = make_session(
        settings,
        decision_log,
        ["The budget is tiny."],
        document=DOC,
        trigger=["edit"],
        needle="We ship on Monday. Everyone helps.",
        ambiguous_with=[other],
    )
    question = await session.turn("shorten that paragraph")
    assert question.kind == "question" and "1." in question.reply and "2." in question.reply
    assert session.document.text == DOC
    answer = await session.turn("2")
    assert answer.kind == "edit" and "The budget is tiny." in session.document.text
    corrections = list(decision_log.corrections())
    assert [c.kind for c in corrections] == ["locate_answered"]


BUDGET = Span(start=DOC.index("The budget"), end=DOC.index("The budget") + 20)


async def reselected_and_asked(settings, decision_log, message: str) -> list:
    """A located edit, undone; the person selects another part and sends `message` about it: the corrections."""
    session = make_session(
        settings,
        decision_log,
        ["We ship soon.", "The budget is tiny."],
        document=DOC,
        trigger=["edit", "edit"],
        needle="We ship on Monday.",
    )
    await session.turn("Make the first sentence shorter")
    session.undo()
    session.select(BUDGET)
    await session.turn(message, selection=BUDGET)
    return list(decision_log.corrections())


@pytest.mark.parametrize("message", ["Make this sentence shorter", "shorten this one", "this instead", "No, here."])
async def test_re_asking_the_same_request_about_another_part_corrects_the_locator(settings, decision_log, message):
    corrections = await reselected_and_asked(settings, decision_log, message)
    assert [c.kind for c in corrections] == ["edit_undone", "section_reselected"]
    assert corrections[1].detail["selection"] == BUDGET.model_dump()


@pytest.mark.parametrize("message", ["Rewrite this in plain words", "Fix the typo here", "make this punchier"])
async def test_a_selection_for_a_new_request_after_a_located_edit_corrects_nothing(settings, decision_log, message):
    corrections = await reselected_and_asked(settings, decision_log, message)
    assert [c.kind for c in corrections] == ["edit_undone"]


async def test_comments_are_anchored_and_unplaceable_ones_reported(settings, decision_log):
    reply = json.dumps(
        {
            "comments": [
                {"quote": "We ship on Monday.", "comment": "Which Monday?"},
                {"quote": "a sentence that is not there", "comment": "?"},
            ]
        }
    )
    session = make_session(settings, decision_log, [reply], document=DOC, trigger=["comment"])
    result = await session.turn("critique this")
    assert result.kind == "comment"
    [comment] = session.document.active_comments
    assert DOC[comment.start : comment.end] == "We ship on Monday."
    assert "1 anchored, 1 dropped" in result.status_line and "not in the document" in result.reply
    assert [d.behaviour for d in decision_log.decisions()].count("anchor") == 2


class OneCommentProposer:
    """A proposer that always comments on one passage, without the model."""

    name, version = "one-comment", "7"

    def __init__(self) -> None:
        self.asked: list[str] = []

    async def propose(self, client, request, document, limit, max_tokens=1024) -> ProposalResult:
        self.asked.append(request)
        comment = ProposedComment(quote="The budget is small.", comment="How small?")
        return ProposalResult(
            proposals=CommentProposals(comments=[comment]),
            implementation=self.name,
            version=self.version,
            uses_model=False,
        )


async def test_the_session_proposes_comments_with_the_proposer_it_was_given(settings, decision_log):
    proposer = OneCommentProposer()
    session = Session(
        ScriptedClient([]), fake_behaviours(trigger=["comment"], proposer=proposer), decision_log, settings
    )
    session.open_document(DOC, title="plan")
    result = await session.turn("critique this")
    assert proposer.asked == ["critique this"] and result.kind == "comment"
    [comment] = session.document.active_comments
    assert DOC[comment.start : comment.end] == "The budget is small." and comment.comment == "How small?"
    [decision] = [d for d in decision_log.decisions() if d.behaviour == "comment"]
    assert (decision.implementation, decision.version) == ("one-comment", "7")


async def test_unreadable_comment_replies_are_retried_then_fall_back_to_none(settings, decision_log):
    session = make_session(settings, decision_log, ["not json", '{"comments": 3}'], document=DOC, trigger=["comment"])
    result = await session.turn("critique this")
    assert session.document.active_comments == [] and session.document.text == DOC
    assert "could not be read" in result.notices[0].message and "I left no comment" in result.reply
    comment = [d for d in decision_log.decisions() if d.behaviour == "comment"][0]
    assert comment.fallback and comment.raw_reply == '{"comments": 3}'


async def test_a_dead_model_fails_the_turn_in_plain_words_and_the_next_turn_works(settings, decision_log):
    session = make_session(
        settings,
        decision_log,
        [ModelUnavailable("Cannot reach the local model server."), "Hello!"],
        document=DOC,
        trigger=["chat"],
    )
    failed = await session.turn("hi")
    assert failed.kind == "failed" and "Cannot reach" in failed.notices[0].message
    assert "unchanged" in failed.notices[0].message and session.document.text == DOC
    assert (await session.turn("hi again")).reply == "Hello!"


async def test_closing_a_canvas_the_model_opened_is_a_correction_of_the_trigger(settings, decision_log):
    session = make_session(settings, decision_log, ["# Essay\n\nText."], trigger=["canvas"])
    await session.turn("Write an essay")
    session.close_canvas()
    [correction] = decision_log.corrections()
    trigger = next(decision_log.decisions(behaviour="trigger"))
    assert correction.kind == "canvas_closed" and correction.decision_id == trigger.id


async def test_opening_the_canvas_after_an_inline_answer_is_a_correction_and_the_answer_becomes_the_document(
    settings, decision_log
):
    session = make_session(settings, decision_log, ["Dear Ms Lee, ..."], trigger=["inline"])
    await session.turn("Draft a cover letter")
    assert session.open_canvas() is True
    assert [c.kind for c in decision_log.corrections()] == ["canvas_opened"]
    assert session.document.text == "Dear Ms Lee, ..."


async def test_closing_a_canvas_the_router_opened_for_a_new_document_is_a_correction_of_the_router(
    settings, decision_log
):
    session = make_session(settings, decision_log, ["# Email\n\nHi."], document=DOC, trigger=["new_document"])
    await session.turn("Write an email about this plan")
    assert session.close_canvas() is True
    [correction] = decision_log.corrections()
    router = next(decision_log.decisions(behaviour="router"))
    assert correction.kind == "canvas_closed" and correction.decision_id == router.id


async def test_undoing_a_model_edit_is_a_correction_and_redo_restores_it(settings, decision_log):
    session = make_session(
        settings,
        decision_log,
        ["We ship on Tuesday."],
        document=DOC,
        trigger=["edit"],
        needle="We ship on Monday.",
        policy="targeted",
    )
    await session.turn("change Monday to Tuesday")
    edited = session.document.text
    session.undo()
    assert session.document.text == DOC
    [correction] = decision_log.corrections()
    assert correction.kind == "edit_undone"
    assert correction.decision_id == next(decision_log.decisions(behaviour="edit")).id
    session.redo()
    assert session.document.text == edited
    assert [c.kind for c in decision_log.corrections()] == ["edit_undone", "edit_redone"]
    assert list(standing(decision_log.corrections)) == [], "undo then redo rejects nothing"
    session.undo()
    assert {c.kind for c in standing(decision_log.corrections)} == {"edit_undone"}, "the last word was an undo"


async def test_rewriting_a_just_edited_span_by_hand_is_a_correction(settings, decision_log):
    session = make_session(
        settings,
        decision_log,
        ["We ship on Tuesday."],
        document=DOC,
        trigger=["edit"],
        needle="We ship on Monday.",
        policy="targeted",
    )
    await session.turn("change Monday to Tuesday")
    session.user_edit(session.document.text.replace("Tuesday", "Friday"))
    assert [c.kind for c in decision_log.corrections()] == ["own_rewrite"]
    assert session.document.versions[-1].author == "user"


async def test_dismissing_a_comment_is_a_correction_linked_to_its_anchor_decision(settings, decision_log):
    reply = json.dumps(
        {
            "comments": [
                {"quote": "The budget is small.", "comment": "How small?", "suggestion": "The budget is 5,000 euros."}
            ]
        }
    )
    session = make_session(settings, decision_log, [reply, reply], document=DOC, trigger=["comment"])
    await session.turn("critique this")
    [comment] = session.document.active_comments
    session.dismiss_comment(comment.id)
    [correction] = decision_log.corrections()
    assert correction.kind == "comment_dismissed" and correction.decision_id == comment.decision_id
    assert session.document.active_comments == []


async def test_applying_a_suggestion_becomes_an_edit(settings, decision_log):
    reply = json.dumps(
        {
            "comments": [
                {"quote": "The budget is small.", "comment": "How small?", "suggestion": "The budget is 5,000 euros."}
            ]
        }
    )
    session = make_session(settings, decision_log, [reply], document=DOC, trigger=["comment"])
    await session.turn("critique this")
    session.apply_comment(session.document.active_comments[0].id)
    assert "The budget is 5,000 euros." in session.document.text
    assert session.document.comments[0].status == "applied"


def test_an_echoed_passage_block_then_a_new_one_takes_the_last_as_the_reply():
    from canvas_tui.session.validate import clean_reply

    reply = "The passage is:\n<passage>\nold text\n</passage>\n\nI'll change it:\n<passage>\nnew text\n</passage>"
    assert clean_reply(reply) == "new text"
    assert clean_reply("Here is the revised text:\n```\nfixed\n```") == "fixed"


async def test_a_new_document_without_a_heading_is_titled_by_its_first_words(settings, decision_log):
    session = make_session(
        settings, decision_log, ["Tea is a timeless beverage enjoyed for centuries by many."], trigger=["canvas"]
    )
    await session.turn("Write a short essay about tea")
    assert session.document.title == "Tea is a timeless beverage enjoyed…"


@pytest.mark.parametrize(
    ("reply", "title"),
    [
        (
            "```python\nimport math\n\n\ndef area(r):\n    return math.pi * r * r\n```\n\nIt uses pi.",
            "Python code: area",
        ),
        ("```js\nexport async function load(url) {}\n```\nThat loads it.", "JavaScript code: load"),
        ("```sql\nSELECT 1;\n```\nA query.", "SQL code"),
        ("```\nclass Stack:\n    pass\n```\nA stack.", "Code: Stack"),
        ("```python\ndef add(a, b):\n    return a + b\n```", "Python code: add"),
        ("def add_numbers(a, b):\n    return a + b", "Python code: add_numbers"),
        ("function load(url) {\n  return fetch(url);\n}", "JavaScript code: load"),
        ("def fizzbuzz(n):\n    return n\n```", "Python code: fizzbuzz"),
        ("```python\ndef cut(n):\n    return n", "Python code: cut"),
    ],
)
async def test_a_new_document_that_opens_with_code_is_titled_by_its_code(settings, decision_log, reply, title):
    session = make_session(settings, decision_log, [reply], trigger=["canvas"])
    result = await session.turn("Write the code")
    assert session.document.title == title and f"I wrote “{title}”" in result.reply
    assert session.document.text.count("```") in (0, 2), "no fence left without its pair"


async def test_an_inline_answer_moved_into_the_canvas_is_titled_by_its_content(settings, decision_log):
    session = make_session(
        settings, decision_log, ["```python\ndef greet():\n    pass\n```\nCall it."], trigger=["inline"]
    )
    await session.turn("Show me a greeting function")
    session.open_canvas()
    assert session.document.title == "Python code: greet"


@pytest.mark.timeout(30)
def test_a_reply_with_a_long_run_of_blank_lines_is_cleaned_without_hanging():
    """A hang guard, not a timing: the quadratic patterns took minutes here, the linear cleaning milliseconds."""
    from canvas_tui.session.validate import clean_reply

    reply = "<passage>\nStart." + " \n" * 60_000 + "End.\n</passage>"
    assert clean_reply(reply) == reply.removeprefix("<passage>\n").removesuffix("\n</passage>")


@pytest.mark.timeout(30)
def test_a_reply_of_opening_tags_that_never_close_is_cleaned_without_hanging():
    """A hang guard: a model looping on "<passage>" made each tag scan to the end (20,000 took about half a minute)."""
    from canvas_tui.session.validate import clean_reply

    assert clean_reply("<passage>\n" * 40_000 + "The text.") == "<passage>\n" * 39_999 + "The text."


def test_a_deeply_nested_bracket_reply_is_judged_without_crashing():
    from canvas_tui.session.validate import check_replacement

    assert check_replacement("We ship on Monday.", "[" * 100_000, targeted=True) is not None


def test_a_reply_with_a_stray_tag_line_is_refused_unless_the_passage_had_it():
    from canvas_tui.session.validate import check_replacement

    section = "## Risks\n\nThe migration may take longer."
    refused = check_replacement(section, "## Known risks\n\nThe migration may take longer.\n</risen>", targeted=True)
    assert refused is not None and "</risen>" in refused
    html = "<div>\n<p>Old</p>\n</div>"
    assert check_replacement(html, "<div>\n<p>New</p>\n</div>", targeted=True) is None


async def test_a_targeted_edit_of_the_whole_document_says_it_changed_only_what_was_asked(settings, decision_log):
    session = make_session(
        settings,
        decision_log,
        [DOC.replace("Monday", "Tuesday")],
        document=DOC,
        trigger=["edit"],
        needle=DOC,
        policy="targeted",
    )
    session.behaviours.locator.unit = "document"
    result = await session.turn("use Tuesday everywhere")
    assert "Done: changed only what you asked, across the whole document." in result.reply, result.reply
