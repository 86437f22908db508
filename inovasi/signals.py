"""What the records layer tells the layers above it, without importing them.

`scores_affected` is sent inside the writer's transaction by the few writes that bypass model
signals (conditional `.update()` calls in the workflow and the verdict reset). Scoring
connects to it in `scoring/receivers.py`, so its dirty mark commits or rolls back with the write.
"""

from django.dispatch import Signal

# Sent with inovasi=<Inovasi>, reason=<short text>.
scores_affected = Signal()
