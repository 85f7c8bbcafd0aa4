"""The locator on assistant replies, learnt from real follow-ups (spec conventions 7, 23, 24): a language the request
names picks the block written in it; parts a code reply does not have ("the table" of a database, "the Hero
Section") do not pull a request away from its code; words the request repeats from one point name that point."""

from __future__ import annotations

from canvas_tui.behaviours.locate.echoed import echoed
from canvas_tui.behaviours.locate.reply import block_language, languages_named
from canvas_tui.document.units import segment
from tests.locate_support import located_text

WEB_PAGE = """Here are the three files of the page:

```html
<!DOCTYPE html>
<html>
<head><link rel="stylesheet" href="style.css"><script src="script.js"></script></head>
<body><section class="hero"><h1>Welcome</h1><img src="hero.png"></section></body>
</html>
```

```
.hero {
  text-align: center;
}
.hero img {
  width: 100%;
}
```

```javascript
const hero = document.querySelector(".hero");
hero.addEventListener("click", () => hero.classList.toggle("open"));
```

The stylesheet centres the hero; the script opens it on a click.
"""

SQL_REPLY = """You can keep every change in a history table with a trigger:

```sql
CREATE TABLE orders (id SERIAL PRIMARY KEY, total NUMERIC);
CREATE TABLE orders_history (id SERIAL, changed_at TIMESTAMP DEFAULT NOW());
```

Each update of orders then writes a row into orders_history.
"""

SLOGANS = """Here are three slogans for the airline:

1. "Wings for everyone": a promise of fares that anybody can afford.
2. "Your seat by the window": comfort and a view on every flight.
3. "A flight closer to home": the airline as part of the family trip.

I hope one of them fits!
"""


def test_a_language_or_file_extension_names_the_block_written_in_it():
    assert located_text(WEB_PAGE, "continue the CSS code").startswith("```\n.hero {")
    assert located_text(WEB_PAGE, "please give me the script.js file again").startswith("```javascript")


def test_languages_are_read_from_names_extensions_and_fence_tags_or_the_code_itself():
    assert languages_named("give me the script.js file again") == {"javascript"}
    assert languages_named("now port it to Python") == {"python"}
    assert languages_named("go to the next step") == set()
    assert block_language("```\n.hero {\n  a: b;\n}\nimg {\n  c: d;\n}\n```") == "css"
    assert block_language("```\n<!DOCTYPE html>\n<html></html>\n```") == "html"


def test_a_part_the_code_reply_does_not_have_does_not_pull_the_request_from_its_code():
    request = "give me an example of this for a table that has a TEXT, a NUMBER and a JSONB field"
    assert located_text(SQL_REPLY, request).startswith("```sql")
    assert located_text(
        WEB_PAGE, "I don't like the Hero Section: put the title at the top, show me the code"
    ).startswith("```")


def test_a_point_whose_words_the_request_repeats_is_the_target():
    request = "I like the flight closer to home, keep iterating on that one and make it rhyme"
    assert located_text(SLOGANS, request).startswith('3. "A flight closer to home"')


def test_words_repeated_from_the_chat_around_the_deliverable_name_nothing():
    assert echoed(segment(SLOGANS), "write three slogans for the airline again, funnier") is None


def test_words_repeated_from_two_points_name_neither():
    twice = SLOGANS.replace("comfort and a view", "a flight closer to home and a view")
    assert echoed(segment(twice), "keep the flight closer to home one") is None
