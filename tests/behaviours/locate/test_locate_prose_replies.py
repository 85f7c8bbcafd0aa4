"""The locator on prose replies (spec.md, conventions 14, 22, 24): what a chat reply hands over is the deliverable,
and its parts are named the way a reader of the reply names them."""

from __future__ import annotations

from tests.locate_support import located_text

HANDED_PARAGRAPH = """Sure! Here's a possible introduction for your post:

Lake Bled is the postcard image of Slovenia. A church sits on the only island, a castle watches from the cliff, and \
the water stays green all summer. Most visitors come for a day, but the lake rewards a slower stay.
"""

ONE_PARAGRAPH = """Lake Bled is the postcard image of Slovenia. A church sits on the only island, a castle watches \
from the cliff, and the water stays green all summer. Most visitors come for a day, but the lake rewards a slower \
stay.
"""


def test_a_lone_paragraph_handed_over_by_a_preamble_is_the_target():
    found = located_text(HANDED_PARAGRAPH, "can you focus the introduction on the history of the castle?")
    assert found.startswith("Lake Bled is") and found.endswith("a slower stay.")


def test_a_correction_on_a_handed_paragraph_is_about_the_paragraph():
    found = located_text(HANDED_PARAGRAPH, "the island has a church and a small museum, not only a church")
    assert found.startswith("Lake Bled is") and found.endswith("a slower stay.")


def test_a_quote_still_narrows_a_handed_paragraph_to_its_sentence():
    found = located_text(HANDED_PARAGRAPH, 'change "the water stays green all summer" to something livelier')
    assert found.startswith("A church sits") and found.endswith("all summer.")


def test_a_one_paragraph_text_without_a_preamble_is_still_read_by_sentence():
    assert located_text(ONE_PARAGRAPH, "the church on the island is wrong") == (
        "A church sits on the only island, a castle watches from the cliff, and the water stays green all summer."
    )


READING_GROUP = """Sure! Here is a plan for the reading group:

Each week, one member picks a novel and leads the talk.

The first month covers these novels:

1. Middlemarch
2. Beloved
3. Possession
4. Atonement

Snacks are shared and rotate between members:

1. cheese and crackers
2. fruit
3. cake

Meetings end by nine so everyone gets home early.
"""
NOVELS = "1. Middlemarch\n2. Beloved\n3. Possession\n4. Atonement"


def test_the_above_numbered_points_name_the_list_with_that_many_items():
    assert located_text(READING_GROUP, "consolidate the above 4 points into one sentence") == NOVELS


def test_a_bare_count_names_the_list_with_that_many_items():
    assert located_text(READING_GROUP, "alphabetise those 4, please") == NOVELS


def test_lists_of_the_same_count_are_told_apart_by_their_lead_in():
    document = READING_GROUP.replace("3. cake\n", "3. cake\n4. nuts\n")
    assert located_text(document, "which of the 4 novels are short enough for one week?") == NOVELS


EMAIL = """Sure, here's the second email of the series:

Email 2: Follow-Up
Subject: Seats for the autumn workshop

Dear Ms. Okafor,

I am writing again about the autumn pottery workshop. A few seats are still open for the October weekend.

The fee covers clay, glazes and two firings.

Best regards,
Tomas
"""


def test_the_opening_sentence_of_an_email_is_the_first_of_its_body():
    assert located_text(EMAIL, "can you make the opening sentence warmer?") == (
        "I am writing again about the autumn pottery workshop."
    )


def test_the_opening_of_an_email_is_its_first_body_paragraph():
    assert located_text(EMAIL, "update the opening to say the workshop is next month").startswith("I am writing again")


CREW = """Each member of the crew could carry a tool that suits them. For example:

* Mara: A pistol that fires a bolt of light. She fights in close combat, where the bolt blinds attackers.
* Bolt: As a service robot, Bolt carries a welding arm and a scanner for repairs in a fight or out of one.
* Ines: A medical kit with a stun baton for combat emergencies.
"""

PLAN_WITH_BULLETS = """Plan for the launch:

1. Market Research:
* Interview three customers about their needs.
* Compare the offers of two competitors.
2. Design:
* Sketch the onboarding screens.
"""


def test_an_item_named_by_its_label_is_that_item_even_if_another_shares_more_words():
    found = located_text(CREW, "make bolt a pacifist who never joins a fight or combat")
    assert found.startswith("* Bolt:") and found.endswith("out of one.")


def test_bullets_right_under_a_numbered_point_are_its_sub_items():
    found = located_text(PLAN_WITH_BULLETS, "write more detail for the market research")
    assert found == (
        "1. Market Research:\n* Interview three customers about their needs.\n* Compare the offers of two competitors."
    )


SCHEDULE = """Here's how a day could look for your client:

7 AM - Waking up tired after 5 hours of sleep, with 8 emails and 8 messages waiting.

8 AM - Rushing through breakfast and the commute.

1 PM - Eating lunch at the desk while answering email.
"""


def test_a_point_number_names_the_paragraph_that_starts_with_it_where_no_item_is_marked():
    assert located_text(SCHEDULE, "expand number 1") == "1 PM - Eating lunch at the desk while answering email."


OUTLINE = """I. Getting Started
A. Choosing a Bike
B. Safety Gear

II. Riding in Traffic
A. Lane Position
B. Hand Signals
"""


def test_a_numeral_and_a_letter_name_the_lettered_line_under_that_numeral():
    assert located_text(OUTLINE, "write II. B.") == "B. Hand Signals"
    assert located_text(OUTLINE, "expand I.A") == "A. Choosing a Bike"


LINKS = """Here are a few galleries you can use as references:

* Harbour Lights: <https://example.org/gallery/harbour-lights>
* Night Market: <https://example.org/gallery/night-market>

Each one shows the sketches behind the final photographs.

To see more, sign up for a free account at <https://example.org/join>.
"""


def test_links_in_the_plural_are_the_unit_holding_all_the_listed_ones():
    document = LINKS.replace("To see more, sign up for a free account at <https://example.org/join>.", "Enjoy!")
    assert located_text(document, "all those links are broken") == (
        "* Harbour Lights: <https://example.org/gallery/harbour-lights>\n"
        "* Night Market: <https://example.org/gallery/night-market>"
    )


API_REPLY = """Yes, the API needs a key. Sign up for one at <https://example.org/developers>.

Then send it with each request:

```python
headers = {"Authorization": "Bearer " + api_key}
response = requests.get(url, headers=headers)
```
"""


def test_a_url_the_request_repeats_names_the_unit_holding_it_even_on_a_code_reply():
    assert located_text(API_REPLY, "https://example.org/developers does not exist") == (
        "Yes, the API needs a key. Sign up for one at <https://example.org/developers>."
    )


SCHEMA = """The Orders table has the following attributes:

* `OrderID` (string): the order's unique identifier
* `CustomerID` (string): who placed the order
* `Total` (number): the amount charged

The `OrderID` attribute is the partition key. A `Total` of zero marks a cancelled order, and the customer who \
placed it keeps the `CustomerID` shown on the order.
"""


def test_adding_one_more_of_what_a_list_holds_is_about_that_list():
    found = located_text(SCHEMA, "add a boolean attribute telling whether the customer cancelled the order")
    assert found.startswith("* `OrderID`") and found.endswith("the amount charged")


WORDS = """Here are five baking words, as you asked:

1. Knead
2. Proof
3. Glaze (a coating, also used for pottery)
4. Score
5. Whisk

I hope these fit your crossword.
"""


def test_a_topic_in_a_list_speaking_of_its_items_in_the_plural_is_the_list():
    found = located_text(WORDS, "they should all be about pottery, please replace them")
    assert found.startswith("1. Knead") and found.endswith("5. Whisk")


def test_a_topic_in_a_list_still_narrows_to_its_item():
    assert located_text(WORDS, "swap the pottery word for another") == "3. Glaze (a coating, also used for pottery)"


FIGURES = """Here is how the three bakeries compared last year.

Each of them grew, but at very different rates, and only one opened a new shop.

In summary:

* North Loaf: $2.1M revenue, $0.3M net profit, 24 staff
* Crumb & Co: €1.4M revenue, €0.1M profit, 15 staff
* Rye Society: £0.9M revenue (2022), £0.2M profit, 11 staff
"""


def test_words_every_item_holds_name_the_list_not_one_item():
    found = located_text(FIGURES, "add the number of shops along with revenue, profit and staff")
    assert found.startswith("* North Loaf") and found.endswith("11 staff")


def test_a_word_only_one_item_holds_still_names_that_item():
    assert located_text(FIGURES, "the Crumb revenue and profit look wrong") == (
        "* Crumb & Co: €1.4M revenue, €0.1M profit, 15 staff"
    )


TRAVEL = """Looking for an island escape? Fiji has reefs, rainforest and villages that welcome visitors.

Volunteers can join reef surveys and teach in village schools for a few weeks at a time.

Savusavu is quieter than the resort coast and a good base for diving.
"""


def test_an_additional_paragraph_goes_after_the_last_one():
    found = located_text(TRAVEL, "write an additional paragraph about volunteering in Fiji aimed at students")
    assert found == "Savusavu is quieter than the resort coast and a good base for diving."
