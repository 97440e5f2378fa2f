"""verify: the claim registry, its checks, the runner and the report.

Every claim of the five GAN tutorial documents has a stable ID, the document
and section it comes from, a statement in our own words and checks that
compute its verdict. ``python -m verify`` runs them and writes the report;
``pytest`` runs the same registry, so the two cannot disagree.
"""
