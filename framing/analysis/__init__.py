"""Entry analysis: voice, attribution, loaded terms, hedging, readability and tone.

``framing.analysis.analyze.analyze`` turns one entry into an ``EntryScore``;
``framing.analysis.analyze.score`` streams a corpus. Both are re-exported as ``framing.analyze``
and ``framing.score``.
"""
