"""Alert delivery: what a watch's matches look like (`message.py`), the channels
that carry them (`email.py`, `webhook.py`, the Atom feed in `atom.py`), and the
sender that drains the store's outbox (`sender.py`)."""
