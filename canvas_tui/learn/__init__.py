"""The linear text classifiers every behaviour shares: one trainer, one JSON artifact, one numpy scorer.

The trigger, the router, the policy and the comment span scorer are all a linear model over TF-IDF
blocks of some views of their input and a dense block of behaviour features, behind a link function.
`trainer` fits one with scikit-learn and exports it; `artifact` is the record written to disk;
`scorer` reads the record with numpy alone (no scikit-learn, no pickles at predict time).
"""
