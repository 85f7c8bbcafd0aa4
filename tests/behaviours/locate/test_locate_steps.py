"""Numbered steps that carry code, and links (spec.md, conventions 23-24): a request about what a step does names the
step (its commands and notes included), a request about code names the block, and so does one repeating a whole line
of one block; a complaint about a link names the unit holding the URL."""

from __future__ import annotations

from tests.locate_support import located_text

STEPS = """Here are the steps to set up the database:

1. Install PostgreSQL from the PostgreSQL website and follow the installer.
2. Create a new database: open a terminal and log in with `psql`.

Once you are logged in, run:
```sql
CREATE DATABASE shop;
```
This creates the shop database.
3. Create a table for the orders:
```sql
CREATE TABLE orders (id SERIAL PRIMARY KEY, total NUMERIC);
```
This table stores each order.

That's it! Let me know if you have any questions.
"""

LINKS = """I apologize for the mistake. The developer portal is at <https://developer.example.com/>.

There you can read about authentication and the available endpoints.

Let me know if you have any other questions.
"""


def test_a_request_about_what_a_step_does_names_the_whole_step():
    located = located_text(STEPS, "logging in to the database does not work")
    assert located.startswith("2. Create a new database") and located.endswith("This creates the shop database.")


def test_the_last_step_runs_to_the_end_of_what_is_set_under_it():
    located = located_text(STEPS, "the orders table step should also store a date")
    assert located.startswith("3. Create a table") and located.endswith("This table stores each order.")


def test_a_request_about_code_in_steps_still_names_the_block():
    assert located_text(STEPS, "the CREATE TABLE query needs a created_at column").startswith("```sql\nCREATE TABLE")


def test_a_link_complaint_names_the_unit_holding_the_url():
    assert located_text(LINKS, "the link is wrong").startswith("I apologize for the mistake.")


def test_a_link_to_add_is_no_link_complaint():
    assert "https://" not in located_text(LINKS, "the part about authentication needs a link to the docs")


MERGE = """To bring your branch up to date:

1. Fetch the latest changes from the remote:
```bash
git fetch origin
```
2. Merge the remote branch into yours:
```bash
git merge origin/master
```
3. After resolving any conflicts, commit the merge:
```bash
git commit -m "Merge remote-tracking branch 'origin/master'"
```
"""


def test_a_request_repeating_a_whole_line_of_one_block_names_that_block():
    assert located_text(MERGE, "git merge origin/master gives already up to date") == (
        "```bash\ngit merge origin/master\n```"
    )


def test_a_traceback_quoting_the_line_one_block_holds_names_that_block():
    error = 'File "sync.py", line 3\n    git commit -m "Merge remote-tracking branch \'origin/master\'"\nError: nothing to commit'
    assert located_text(MERGE, error).startswith('```bash\ngit commit -m "Merge')


def test_a_line_repeated_with_another_part_named_leaves_that_part_the_target():
    located = located_text(MERGE, "in step 1, say why git fetch origin comes before merging")
    assert located.startswith("1. Fetch the latest changes")
