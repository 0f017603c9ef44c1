"""WCAG 2.1 A and AA checks of a page in the browser with axe-core (vendored in
tests/e2e/vendor/axe-core, see its README). `page.evaluate` runs the engine through the
DevTools protocol, so the page's Content Security Policy stays on and is not bent for it."""

from pathlib import Path

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page):
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE + "\n;undefined")
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
    ]


def assert_accessible(page):
    found = violations(page)
    assert found == [], f"{page.url}:\n" + "\n".join(found)
