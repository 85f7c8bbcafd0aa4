"""The one evaluation kit every behaviour scores and reports with.

- `scores`: one `Scores` type (accuracy, per-class precision/recall/F1, confusion, per-category accuracy) and one
  `Miss` type, computed by `score`;
- `tables`: the one markdown-table helper (cells escaped, so untrusted text cannot break a table);
- `reports`: one report naming scheme, `<report dir>/<behaviour>_eval.md` and `.png`;
- `hashing`: the one data hasher (a training set's identity, a file's digest);
- `rows`: the base label row every behaviour's row model extends.
"""
