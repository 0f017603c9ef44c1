"""The API's writes: one module per domain (`api/writes/<domain>.py`), each a thin layer over
the app's own form (the screen's validation) and service function (the rule, the lock, the
history). Nothing here saves a model or repeats a rule."""
