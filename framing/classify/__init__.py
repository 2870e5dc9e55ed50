"""Classifiers on scikit-learn: learn coded labels from text and measure outlet separability.

Modules: :mod:`~framing.classify.features` (analysis features as a transformer),
:mod:`~framing.classify.models` (pipelines), :mod:`~framing.classify.train` (cross-validated
training and evaluation), :mod:`~framing.classify.persist` (safe skops persistence) and
:mod:`~framing.classify.outlets` (outlet separability with outlet names masked).
"""

from __future__ import annotations
