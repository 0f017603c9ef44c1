"""French wording helpers of the documents; `plural` lives in `core.wording` so the agreements'
checks agree their units too."""

from ouverture.core.wording import plural

__all__ = ["plural"]
