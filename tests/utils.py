import html
import re


def text(response):
    """The page's text as a person reads it: entities unescaped, tags dropped, spaces collapsed."""
    body = response.content.decode() if hasattr(response, "content") else str(response)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", html.unescape(body)).strip()
